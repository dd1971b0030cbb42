package dev.singletable.autoconfigure.archfixture.autoconfigure.web;

/**
 * An extension point declared in a subpackage rather than the root.
 */
public interface LeakyWebCustomizer {

	/**
	 * Customizes the path.
	 * @param path the path
	 * @return the customized path
	 */
	String customize(String path);

}
