package dev.singletable.autoconfigure.drift.older;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned device as the older version of the application declares it: no index by owner.
 *
 * @param id the id
 * @param version the version
 * @param owner who owns it
 * @param name its name
 */
@SingleTableEntity(prefix = "Device", versioned = true)
public record Device(@Id @Nullable String id, @Version @Nullable Long version, String owner, String name) {

	public Device renamed(String name) {
		return new Device(this.id, this.version, this.owner, name);
	}

}
