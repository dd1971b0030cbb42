/**
 * Definition, creation and validation of the DynamoDB table.
 */
@NullMarked
package dev.singletable.core.schema;

import org.jspecify.annotations.NullMarked;
