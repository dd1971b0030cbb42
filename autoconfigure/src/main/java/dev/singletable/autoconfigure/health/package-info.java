/**
 * Health indicator of the single DynamoDB table and its auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
