package dev.singletable.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.repository.query.UnsupportedQueryMethodException;

/**
 * Explains a startup that failed because a repository query method cannot be derived onto an index, however deep
 * in the chain of bean creation failures the cause lies.
 */
class UnsupportedQueryMethodFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedQueryMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedQueryMethodException cause) {
		String description = "A repository query method cannot be mapped onto a DynamoDB key condition:\n\n    "
				+ cause.getMessage();
		String action = "Make an index cover the method: declare @IndexKey on the entity with a partition template "
				+ "made of the properties the method tests for equality (and a sort template for its range "
				+ "predicate or OrderBy). Or annotate the method with @AllowFiltering to filter what the index "
				+ "reads, use @IndexQuery to pass raw key values, or remove the method.";
		return new FailureAnalysis(description, action, cause);
	}

}
