/**
 * The application's definitions checked before the configuration is parsed: the entity types and the repository
 * interfaces found in the main application's package, checked by the code that creates them later, so that a bad
 * definition fails the start in about the time the JVM and Spring Boot need to begin; and the check that refuses a
 * Kotlin entity type without Jackson's Kotlin module, naming it, there and when the beans are created. Internal to
 * the auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.definitions;

import org.jspecify.annotations.NullMarked;
