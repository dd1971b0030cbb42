/**
 * An application with a Kotlin entity type, for {@code KotlinEntitiesCheckTests}.
 */
@NullMarked
package dev.singletable.autoconfigure.definitions.kotlin;

import org.jspecify.annotations.NullMarked;
