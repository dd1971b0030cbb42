package dev.singletable.autoconfigure.archfixture.autoconfigure;

/**
 * An extension point in the root package, where it belongs.
 */
public interface FixtureCustomizer {

	/**
	 * Customizes the name.
	 * @param name the name
	 * @return the customized name
	 */
	String customize(String name);

}
