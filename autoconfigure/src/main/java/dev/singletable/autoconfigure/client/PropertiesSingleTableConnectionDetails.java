package dev.singletable.autoconfigure.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.autoconfigure.SingleTableProperties;

/**
 * {@link SingleTableConnectionDetails} backed by the {@code singletable.endpoint} and {@code singletable.region}
 * properties.
 */
public final class PropertiesSingleTableConnectionDetails implements SingleTableConnectionDetails {

	private final SingleTableProperties properties;

	/**
	 * Creates connection details from the given properties.
	 * @param properties the bound properties
	 */
	public PropertiesSingleTableConnectionDetails(SingleTableProperties properties) {
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
