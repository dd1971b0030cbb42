package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.autoconfigure.properties.UnknownSingleTablePropertyException;

/**
 * Explains a startup that failed because a {@code singletable.*} property name has a typo, naming the property that
 * was probably meant.
 */
class UnknownSingleTablePropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnknownSingleTablePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnknownSingleTablePropertyException cause) {
		StringBuilder description = new StringBuilder("Properties under 'singletable.' that singletable does not know "
				+ "are set:\n");
		StringBuilder action = new StringBuilder("Correct the property names:\n");
		for (UnknownSingleTablePropertyException.Unknown property : cause.getProperties()) {
			description.append("\n    - ").append(property.name());
			if (property.origin() != null) {
				description.append(" (").append(property.origin()).append(")");
			}
			action.append("\n    - ").append(property.name()).append(" -> ").append(property.suggestion());
		}
		action.append("\n\nThe configuration reference (docs/reference/configuration.md) and your IDE's completion "
				+ "list every singletable property.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
