package dev.singletable.autoconfigure.colliding.alpha;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entity whose prefix defaults to {@code Item}, as the one in the sibling package does; scanned only by the
 * test that expects startup to fail.
 *
 * @param id the identifier
 */
@SingleTableEntity
public record Item(@Id String id) {

}
