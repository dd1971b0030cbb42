/**
 * Enabling single-table repositories through annotation configuration.
 */
@NullMarked
package dev.singletable.repository.config;

import org.jspecify.annotations.NullMarked;
