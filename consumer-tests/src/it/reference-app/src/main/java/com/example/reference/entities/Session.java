package com.example.reference.entities;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(ttlProperty = "expiresAt", hideExpired = true)   // epoch seconds in the attribute "ttl"
public record Session(@Id String id, String user, Instant expiresAt) {
}
