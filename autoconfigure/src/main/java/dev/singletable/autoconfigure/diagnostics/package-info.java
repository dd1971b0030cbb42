/**
 * The failure analyzers that explain a start-up failure of a singletable application in a few lines, naming the
 * property, bean or definition that fixes it. Internal: Spring Boot finds them through {@code META-INF/spring.factories}.
 */
@NullMarked
package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.NullMarked;
