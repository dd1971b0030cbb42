/**
 * A repository whose domain type is a Kotlin class, for {@code KotlinEntitiesCheckTests}.
 */
@NullMarked
package dev.singletable.autoconfigure.definitions.kotlinrepository;

import org.jspecify.annotations.NullMarked;
