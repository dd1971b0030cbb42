package dev.singletable.autoconfigure.definitions.annotated;

import org.springframework.data.annotation.Id;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
public record Label(@Id String id, @JsonProperty("text") String caption) {
}
