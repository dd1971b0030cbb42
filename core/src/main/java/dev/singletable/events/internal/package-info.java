/**
 * The outbox's engine: the layout of event publication items ({@link dev.singletable.events.internal.PublicationItems})
 * and the plans of the requests that write and read them ({@link dev.singletable.events.internal.PublicationRequests}),
 * which the template's driver runs. Internal: not API.
 */
@NullMarked
package dev.singletable.events.internal;

import org.jspecify.annotations.NullMarked;
