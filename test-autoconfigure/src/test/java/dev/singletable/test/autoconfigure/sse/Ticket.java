package dev.singletable.test.autoconfigure.sse;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity whose changes an endpoint streams as Server-Sent Events.
 *
 * @param id the id
 * @param title the title
 */
@SingleTableEntity
public record Ticket(@Id String id, String title) {
}
