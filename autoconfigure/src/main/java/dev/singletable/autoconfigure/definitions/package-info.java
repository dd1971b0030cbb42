/**
 * The application's definitions checked before the configuration is parsed: the entity types and the repository
 * interfaces found in the main application's package, checked by the code that creates them later, so that a bad
 * definition fails the start in about the time the JVM and Spring Boot need to begin. Internal to the
 * auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.definitions;

import org.jspecify.annotations.NullMarked;
