package com.example.reference.shop;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record Cart(@Id String id, @Version Long version, String customerId, List<String> items) {
}
