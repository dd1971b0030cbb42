package dev.singletable.core.mapping;

import org.jspecify.annotations.Nullable;

/**
 * Global defaults for entity types that do not set an option themselves.
 *
 * @param compression whether types without an explicit setting are compressed; {@literal null} compresses
 * versioned types only
 * @param maxVersions how many versions versioned types keep when they do not say; {@literal null} or {@code 0}
 * keeps every version
 * @param compressionLevel the gzip level ({@code 1}-{@code 9}) of compressed types that do not say;
 * {@literal null} for {@link #DEFAULT_COMPRESSION_LEVEL}
 */
public record MappingDefaults(@Nullable Boolean compression, @Nullable Integer maxVersions,
		@Nullable Integer compressionLevel) {

	/**
	 * The gzip level of compressed types when neither the type nor the global defaults choose one. Level 1
	 * ({@link java.util.zip.Deflater#BEST_SPEED}): on the documents measured in {@code docs/BENCHMARKS.md} it
	 * costs about half the CPU of the JDK's default level 6 for a few percent more stored bytes, which rarely
	 * changes the billed capacity units (DynamoDB rounds writes up to whole KB and reads to 4 KB).
	 */
	public static final int DEFAULT_COMPRESSION_LEVEL = 1;

	/** No global overrides: versioned types compressed at the default level, every version kept. */
	public static final MappingDefaults NONE = new MappingDefaults(null, null, null);

	/**
	 * Checks the level.
	 * @throws IllegalArgumentException when the level is not between 1 and 9
	 */
	public MappingDefaults {
		if (compressionLevel != null && (compressionLevel < 1 || compressionLevel > 9)) {
			throw new IllegalArgumentException("The default compression level must be from 1 (fastest) to 9 "
					+ "(smallest), but was " + compressionLevel);
		}
	}

	/**
	 * Creates defaults with the default compression level.
	 * @param compression whether types without an explicit setting are compressed
	 * @param maxVersions how many versions versioned types keep when they do not say
	 */
	public MappingDefaults(@Nullable Boolean compression, @Nullable Integer maxVersions) {
		this(compression, maxVersions, null);
	}

}
