package com.example.outbox;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record Order(@Id String id, @Version Long version, String item) {
}
