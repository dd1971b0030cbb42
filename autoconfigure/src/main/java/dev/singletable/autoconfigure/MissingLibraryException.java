package dev.singletable.autoconfigure;

/**
 * Thrown at start-up when the application uses a way of singletable whose library is not on its class path (change
 * events without the KCL, the reactive API without Reactor or the SDK's Netty client…): it names the feature, the
 * starter that brings what the feature needs and the library itself, so that the application fails before its first
 * request rather than with a {@code NoClassDefFoundError} during one. Spring Boot's failure analysis prints it as a
 * description and an action.
 */
public class MissingLibraryException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final String feature;

	private final String library;

	private final String starter;

	/**
	 * Creates the exception.
	 * @param feature what the application uses, as the user wrote it (such as {@code singletable.changes.enabled=true})
	 * @param library the missing library's Maven coordinates, {@code groupId:artifactId}
	 * @param starter the coordinates of the singletable starter that brings it
	 */
	public MissingLibraryException(String feature, String library, String starter) {
		super(feature + " needs " + library + ", which is not on the class path. Add " + starter + " (or " + library
				+ ") to the application's dependencies.");
		this.feature = feature;
		this.library = library;
		this.starter = starter;
	}

	/**
	 * Returns what the application uses that needs the library.
	 * @return the feature
	 */
	public String getFeature() {
		return this.feature;
	}

	/**
	 * Returns the missing library.
	 * @return its {@code groupId:artifactId}
	 */
	public String getLibrary() {
		return this.library;
	}

	/**
	 * Returns the singletable starter that brings the library.
	 * @return its {@code groupId:artifactId}
	 */
	public String getStarter() {
		return this.starter;
	}

}
