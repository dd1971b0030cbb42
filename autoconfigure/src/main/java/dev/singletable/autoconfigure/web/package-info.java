/**
 * RFC 9457 problem responses for the exceptions of single-table storage in Spring MVC and Spring WebFlux
 * applications, Spring Data's {@code Pageable} and {@code Sort} arguments in WebFlux, the JSON of {@code Slice} and
 * {@code Window} results, and their auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
