package dev.singletable.core.blob;

import tools.jackson.databind.json.JsonMapper;

/**
 * Codecs for tests of the plans that encode values without a storage (its constructor is the blob package's).
 */
public final class BlobCodecs {

	private BlobCodecs() {
	}

	/**
	 * The codec a storage of this key prefix and mapper has.
	 */
	public static BlobCodec of(String keyPrefix, JsonMapper jsonMapper) {
		return new BlobCodec(keyPrefix, jsonMapper);
	}

}
