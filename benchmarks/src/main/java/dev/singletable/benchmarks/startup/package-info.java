/**
 * Spring Boot start-up with the singletable starter against a bare Boot application.
 */
@NullMarked
package dev.singletable.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
