package com.example.reference.billing;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
public record Invoice(@Id String id, String customerId, long cents, boolean paid) {
}
