/**
 * Spring Boot auto-configuration for the single-table DynamoDB support.
 */
@NullMarked
package dev.singletable.autoconfigure;

import org.jspecify.annotations.NullMarked;
