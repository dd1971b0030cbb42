/**
 * The embedded DynamoDB Local and S3 (S3Proxy) an application runs when nothing says where the real services are:
 * the servers, when they start, and the check of the application's definitions that runs before they do. Internal to
 * the auto-configuration, apart from {@link dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal} and
 * {@link dev.singletable.autoconfigure.embedded.EmbeddedS3}, which the test auto-configuration shares between the test
 * contexts of a JVM.
 */
@NullMarked
package dev.singletable.autoconfigure.embedded;

import org.jspecify.annotations.NullMarked;
