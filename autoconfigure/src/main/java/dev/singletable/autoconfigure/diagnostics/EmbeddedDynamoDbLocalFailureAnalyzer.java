package dev.singletable.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocalStartException;

/**
 * Explains a startup that failed because the embedded DynamoDB Local could not listen, most often because
 * {@code singletable.embedded.port} is in use (by another instance of the application, say).
 */
class EmbeddedDynamoDbLocalFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDynamoDbLocalStartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDynamoDbLocalStartException cause) {
		if (cause.getPort() != 0) {
			String description = "The embedded DynamoDB Local could not listen on port " + cause.getPort()
					+ " (singletable.embedded.port): " + reason(cause) + ".";
			String action = "Stop the process that listens on port " + cause.getPort()
					+ " (another instance of this application?), or set singletable.embedded.port=0 (the default) "
					+ "to run the embedded DynamoDB Local on a free port.";
			return new FailureAnalysis(description, action, cause);
		}
		String description = "The embedded DynamoDB Local could not listen on a free loopback port: " + reason(cause)
				+ ".";
		String action = "Check that the application may open ports on 127.0.0.1, or run a DynamoDB Local yourself "
				+ "and set singletable.endpoint to it.";
		return new FailureAnalysis(description, action, cause);
	}

	private static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
