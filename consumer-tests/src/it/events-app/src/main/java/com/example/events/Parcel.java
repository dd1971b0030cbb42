package com.example.events;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
public record Parcel(@Id String id, @Version Long version, String destination) {
}
