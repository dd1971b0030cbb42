/**
 * Index queries, pages and cursors.
 */
@NullMarked
package dev.singletable.core.query;

import org.jspecify.annotations.NullMarked;
