package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.autoconfigure.MissingLibraryException;

/**
 * Explains a start-up refused because the application uses a way of singletable without its library: what it uses,
 * what is missing, and the starter (or library) to add.
 */
class MissingLibraryFailureAnalyzer extends AbstractFailureAnalyzer<MissingLibraryException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingLibraryException cause) {
		return new FailureAnalysis(
				cause.getFeature() + " needs " + cause.getLibrary() + ", which is not on the class path.",
				"Add " + cause.getStarter() + " to the application's dependencies (it brings " + cause.getLibrary()
						+ " and what it needs), or add " + cause.getLibrary() + " itself.",
				cause);
	}

}
