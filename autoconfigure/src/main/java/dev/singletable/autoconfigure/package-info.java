/**
 * Spring Boot auto-configuration for the single-table DynamoDB support: the auto-configurations, their properties,
 * the connection details and the customizer interfaces an application implements.
 */
@NullMarked
package dev.singletable.autoconfigure;

import org.jspecify.annotations.NullMarked;
