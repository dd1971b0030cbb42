package dev.singletable.console.probe;

import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, uncompressed type whose ids are paths ({@code docs/2024\report}) and whose values may hold
 * invisible characters and maps.
 */
@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
public record Folder(@Id String id, @Version Long version, String name,
		Map<String, String> labels) {

	public Folder withName(String name) {
		return new Folder(this.id, this.version, name, this.labels);
	}

}
