package dev.singletable.autoconfigure.embedded;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the embedded DynamoDB Local cannot listen: on the configured {@code singletable.embedded.port} (in
 * use, most often), or on any free port after a few tries.
 */
public class EmbeddedDynamoDbLocalStartException extends IllegalStateException {

	private final int port;

	/**
	 * Creates the exception.
	 * @param message the message
	 * @param port the configured port, or {@code 0} when a free port was asked for
	 * @param cause the last failure to start, if any
	 */
	EmbeddedDynamoDbLocalStartException(String message, int port, @Nullable Throwable cause) {
		super(message, cause);
		this.port = port;
	}

	/**
	 * Returns the configured port, or {@code 0} when a free port was asked for.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

}
