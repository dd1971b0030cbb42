package com.example.minimal;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
public record Greeting(@Id String id, @Version Long version, @CreatedDate Instant createdAt, String text) {
}
