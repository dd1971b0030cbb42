package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.core.mapping.InvalidEntityDefinitionException;

/**
 * Explains a startup that failed because a {@code @SingleTableEntity} type cannot be stored as declared, however
 * deep in the chain of bean creation failures the cause lies.
 */
public class InvalidEntityDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<InvalidEntityDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidEntityDefinitionException cause) {
		String type = cause.getEntityType().getName();
		String description = "The entity type " + type + " cannot be stored as declared:\n\n    "
				+ cause.getMessage();
		String action = "Change " + type + " as the description says (see @SingleTableEntity for the options), or "
				+ "move it out of the packages scanned for entities (the package of the @SpringBootApplication class, "
				+ "or those named by @EntityScan).";
		return new FailureAnalysis(description, action, cause);
	}

}
