package dev.singletable.autoconfigure.archfixture.autoconfigure.client;

import dev.singletable.autoconfigure.archfixture.autoconfigure.embedded.FixtureEmbeddedServer;

/**
 * Client settings that know the embedded server: one half of the cycle between {@code client} and
 * {@code embedded}.
 * @param endpoint the endpoint
 */
public record FixtureClientSettings(String endpoint) {

	/**
	 * Returns the settings of the embedded server.
	 * @param server the server
	 * @return the settings
	 */
	public static FixtureClientSettings of(FixtureEmbeddedServer server) {
		return new FixtureClientSettings(server.endpoint());
	}

}
