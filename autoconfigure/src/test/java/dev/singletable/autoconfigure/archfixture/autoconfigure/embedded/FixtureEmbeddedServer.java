package dev.singletable.autoconfigure.archfixture.autoconfigure.embedded;

import dev.singletable.autoconfigure.archfixture.autoconfigure.client.FixtureClientSettings;

/**
 * An embedded server that returns client settings: the other half of the cycle between {@code client} and
 * {@code embedded}.
 */
public final class FixtureEmbeddedServer {

	/**
	 * Returns the endpoint.
	 * @return the endpoint
	 */
	public String endpoint() {
		return "http://localhost:8000";
	}

	/**
	 * Returns the settings of this server.
	 * @return the settings
	 */
	public FixtureClientSettings settings() {
		return FixtureClientSettings.of(this);
	}

}
