package com.example.reference.capacity;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(typeIndexShards = 8)                                 // gsitype = SensorReading#0 .. #7
public record SensorReading(@Id String id, String sensor, double value) {
}
