package com.example.outbox;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * What the listener writes for an order once it got its event: the id is the order's.
 */
@SingleTableEntity
public record Receipt(@Id String id, String item, String thread) {
}
