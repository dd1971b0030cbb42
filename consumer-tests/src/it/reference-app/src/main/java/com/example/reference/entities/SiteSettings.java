package com.example.reference.entities;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(singleton = true)           // versioned = true works too: SINGLETON#SiteSettings, v0/v1/...
public record SiteSettings(@Id String id, @LastModifiedDate Instant updatedAt, String theme) {
}
