package com.example.reference.shop;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record Stock(@Id String id, long available) {
}
