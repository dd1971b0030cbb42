package com.example.reference.console;

import org.springframework.data.annotation.Id;

import dev.singletable.console.ConsoleMasked;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record ApiClient(@Id String id, String name, @ConsoleMasked String apiKey) {
}
