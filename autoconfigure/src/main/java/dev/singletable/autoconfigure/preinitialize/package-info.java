/**
 * Work done on a background thread while the application starts, so that the main thread finds it done: loading the
 * classes of the AWS SDK's request pipeline and of the storage {@code JsonMapper}, as Spring Boot's own background
 * preinitializers do for Jackson, validation and the web server. Internal to the auto-configuration.
 */
@NullMarked
package dev.singletable.autoconfigure.preinitialize;

import org.jspecify.annotations.NullMarked;
