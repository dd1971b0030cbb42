/**
 * The floor: hand-written raw {@code DynamoDbClient} calls doing exactly the DynamoDB work singletable does.
 */
@NullMarked
package dev.singletable.benchmarks.floor;

import org.jspecify.annotations.NullMarked;
