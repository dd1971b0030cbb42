package dev.singletable.console;

/**
 * A request the console answers with an error page: the status and a message naming what was asked for.
 */
final class ConsoleException extends RuntimeException {

	private final int status;

	private final String title;

	ConsoleException(int status, String title, String message) {
		super(message);
		this.status = status;
		this.title = title;
	}

	static ConsoleException notFound(String message) {
		return new ConsoleException(404, "Not found", message);
	}

	static ConsoleException badRequest(String message) {
		return new ConsoleException(400, "Bad request", message);
	}

	static ConsoleException forbidden(String message) {
		return new ConsoleException(403, "Forbidden", message);
	}

	int status() {
		return this.status;
	}

	String title() {
		return this.title;
	}

}
