package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.repository.query.UnsupportedCollectionQueryException;
import dev.singletable.repository.query.UnsupportedQueryMethodException;

/**
 * Explains a startup that failed because a repository query method cannot be created, however deep in the chain of
 * bean creation failures the cause lies: by its {@link UnsupportedQueryMethodException#getReason() reason}, no index
 * covering it (index keys, filtering), a return type its repository cannot return (the types allowed, the other kind
 * of repository, Kotlin's coroutine repositories), or parameters its query cannot use; for a {@code @CollectionQuery}
 * method, the fixes of a collection query.
 */
public class UnsupportedQueryMethodFailureAnalyzer extends AbstractFailureAnalyzer<UnsupportedQueryMethodException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedQueryMethodException cause) {
		if (cause instanceof UnsupportedCollectionQueryException) {
			return collectionQuery(cause);
		}
		return switch (cause.getReason()) {
			case RETURN_TYPE -> new FailureAnalysis("A repository query method returns a type its repository cannot "
					+ "return:\n\n    " + cause.getMessage(),
					"Declare the method with one of the return types the description lists, or move it to the other "
							+ "kind of repository: Flux and Mono belong in a reactive repository "
							+ "(ReactiveSingleTableRepository), as Kotlin's Flow and suspend functions do (a coroutine "
							+ "repository: CoroutineCrudRepository, or singletable-kotlin's "
							+ "CoroutineSingleTableRepository), List, Optional, Stream, Page and the plain types in a "
							+ "blocking one (SingleTableRepository).",
					cause);
			case PARAMETERS -> new FailureAnalysis("A repository query method takes parameters its query cannot "
					+ "use:\n\n    " + cause.getMessage(),
					"Change the method's parameters as the description says (see the repositories reference, "
							+ "docs/reference/repositories.md, for what a derived or @IndexQuery method takes).",
					cause);
			case NOT_COVERED -> new FailureAnalysis("A repository query method cannot be mapped onto a DynamoDB key "
					+ "condition:\n\n    " + cause.getMessage(),
					"Make an index cover the method: declare @IndexKey on the entity with a partition template made "
							+ "of the properties the method tests for equality (and a sort template for its range "
							+ "predicate or OrderBy). Or annotate the method with @AllowFiltering to filter what the "
							+ "index reads, use @IndexQuery to pass raw key values, or remove the method.",
					cause);
		};
	}

	private static FailureAnalysis collectionQuery(UnsupportedQueryMethodException cause) {
		String description = "A @CollectionQuery method cannot be created:\n\n    " + cause.getMessage();
		String action = switch (cause.getReason()) {
			case NOT_COVERED -> "Give the types the annotation lists the same partition key template on the index it "
					+ "names (each type's @IndexKey(index = ..., partition = ...) must render the same key from the "
					+ "same value, such as \"order#{orderId}\"), or list only types that share it, or name the index "
					+ "they share (see item collections in docs/reference/repositories.md).";
			case RETURN_TYPE -> "Return ItemCollection from a blocking repository's @CollectionQuery method, "
					+ "Mono<ItemCollection> from a reactive one's (in Kotlin, suspend fun ...: ItemCollection).";
			case PARAMETERS -> "Take the partition value first, then, optionally, a String cursor (the page to "
					+ "continue from) and a Limit (the items a page reads), and nothing else.";
		};
		return new FailureAnalysis(description, action, cause);
	}

}
