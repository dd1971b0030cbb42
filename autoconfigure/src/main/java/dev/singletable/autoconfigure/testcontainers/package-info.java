/**
 * Testcontainers {@code @ServiceConnection} support for DynamoDB Local and LocalStack containers.
 */
@NullMarked
package dev.singletable.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
