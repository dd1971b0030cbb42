package dev.singletable.autoconfigure.drift.newer;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned device as the newer version of the application declares it: indexed by owner on gsi2.
 *
 * @param id the id
 * @param version the version
 * @param owner who owns it
 * @param name its name
 */
@SingleTableEntity(prefix = "Device", versioned = true)
@IndexKey(index = "gsi2", partition = "owner#{owner}")
public record Device(@Id @Nullable String id, @Version @Nullable Long version, String owner, String name) {

	public Device renamed(String name) {
		return new Device(this.id, this.version, this.owner, name);
	}

}
