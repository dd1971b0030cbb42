package dev.singletable.core.mapping;

import org.jspecify.annotations.Nullable;

/**
 * Global defaults for entity types that do not set an option themselves.
 *
 * @param compression whether types without an explicit setting are compressed; {@literal null} compresses
 * versioned types only
 * @param maxVersions how many versions versioned types keep when they do not say; {@literal null} or {@code 0}
 * keeps every version
 */
public record MappingDefaults(@Nullable Boolean compression, @Nullable Integer maxVersions) {

	/** No global overrides: versioned types compressed, every version kept. */
	public static final MappingDefaults NONE = new MappingDefaults(null, null);

}
