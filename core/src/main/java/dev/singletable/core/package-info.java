/**
 * The single-table template and its operations, errors and configuration.
 */
@NullMarked
package dev.singletable.core;

import org.jspecify.annotations.NullMarked;
