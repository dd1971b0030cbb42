/**
 * Conversion between entities, JSON and DynamoDB attribute values.
 */
@NullMarked
package dev.singletable.core.convert;

import org.jspecify.annotations.NullMarked;
