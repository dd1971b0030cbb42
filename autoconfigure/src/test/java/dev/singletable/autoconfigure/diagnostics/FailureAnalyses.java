package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The analyses of singletable's package-private failure analyzers, for tests of other packages.
 */
public final class FailureAnalyses {

	private FailureAnalyses() {
	}

	/** What {@code ReactiveApiUnavailableFailureAnalyzer} says of a failure, its libraries looked up in a loader. */
	public static @Nullable FailureAnalysis reactiveApiUnavailable(ClassLoader classLoader, Throwable failure) {
		return new ReactiveApiUnavailableFailureAnalyzer(classLoader).analyze(failure);
	}

	/** What {@code MissingLibraryFailureAnalyzer} says of a failure. */
	public static @Nullable FailureAnalysis missingLibrary(Throwable failure) {
		return new MissingLibraryFailureAnalyzer().analyze(failure);
	}

	/** What {@code MissingBlobStorageFailureAnalyzer} says of a failure, the S3 client looked up in a loader. */
	public static @Nullable FailureAnalysis missingBlobStorage(ClassLoader classLoader, Throwable failure) {
		return new MissingBlobStorageFailureAnalyzer(
				org.springframework.util.ClassUtils.isPresent(MissingBlobStorageFailureAnalyzer.S3_CLIENT, classLoader),
				"manuals").analyze(failure);
	}

}
