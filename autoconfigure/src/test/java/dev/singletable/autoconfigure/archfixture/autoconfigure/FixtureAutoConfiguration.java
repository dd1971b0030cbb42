package dev.singletable.autoconfigure.archfixture.autoconfigure;

import dev.singletable.autoconfigure.archfixture.autoconfigure.client.FixtureClientSettings;

/**
 * An auto-configuration in the root package that uses a subpackage.
 */
public final class FixtureAutoConfiguration {

	/**
	 * Returns the settings.
	 * @param customizer the customizer
	 * @return the settings
	 */
	public FixtureClientSettings settings(FixtureCustomizer customizer) {
		return new FixtureClientSettings(customizer.customize("local"));
	}

}
