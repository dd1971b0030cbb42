/**
 * Drivers of the public types that take a user's client without a template: {@code ObjectDriver} and
 * {@code ReactiveObjectDriver} send the S3 requests the blob storages plan, {@code TableDriver} the table
 * administration {@code SingleTableSchema} plans. They send each request as it is and answer its failure as the
 * client threw it: the plans say what it means. Their {@code BlockingLoop} is the one loop of the blocking drivers,
 * the template's {@code BlockingDriver} too; {@code TableResources} is what a database factory of either API is
 * (the user's client of one table and its name). This package knows no type of singletable but the plans', so that
 * the API packages whose plans it runs may use it: it is the top of the foundation below core's API, which
 * {@code dev.singletable.internal.format} and {@code dev.singletable.internal.plan} hold too.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.internal.direct;

import org.jspecify.annotations.NullMarked;
