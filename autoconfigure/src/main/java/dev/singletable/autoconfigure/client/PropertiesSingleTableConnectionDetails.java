package dev.singletable.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * {@link SingleTableConnectionDetails} backed by the {@code singletable.endpoint} and {@code singletable.region}
 * properties.
 */
final class PropertiesSingleTableConnectionDetails implements SingleTableConnectionDetails {

	private final SingleTableProperties properties;

	/**
	 * Creates connection details from the given properties.
	 * @param properties the bound properties
	 */
	PropertiesSingleTableConnectionDetails(SingleTableProperties properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable URI getEndpoint() {
		return this.properties.endpoint();
	}

	@Override
	public @Nullable String getRegion() {
		return this.properties.region();
	}

}
