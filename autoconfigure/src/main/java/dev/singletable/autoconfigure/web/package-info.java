/**
 * RFC 9457 problem responses for the exceptions of single-table storage in Spring MVC and Spring WebFlux
 * applications, and their auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
