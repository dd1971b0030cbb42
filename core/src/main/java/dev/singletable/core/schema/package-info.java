/**
 * Definition, creation and validation of the DynamoDB table, and the drift of stored items from the types'
 * definitions that queries are refused on ({@link dev.singletable.core.schema.IndexDriftException}).
 */
@NullMarked
package dev.singletable.core.schema;

import org.jspecify.annotations.NullMarked;
