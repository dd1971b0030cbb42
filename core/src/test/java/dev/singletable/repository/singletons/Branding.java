package dev.singletable.repository.singletons;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned singleton type with an index sorted by its partition key (which is {@code SINGLETON#Branding}).
 */
@SingleTableEntity(singleton = true, versioned = true)
@IndexKey(index = "gsi1", partition = "theme#{theme}")
public record Branding(@Id String id, @Version Long version, String theme, String logo) {
}
