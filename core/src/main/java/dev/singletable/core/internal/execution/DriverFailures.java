package dev.singletable.core.internal.execution;

import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.core.internal.blob.BlobRequest;

/**
 * What a template's driver fails with, in both execution models (the blocking driver throws it, the reactive one
 * signals it), when a plan asks for a request the driver cannot send: one of a kind no driver sends, a caller's
 * request in a run given no answerer, or an object request of a template without blob storage; and what the blocking
 * driver's helpers fail with when interrupted (made here, so that verifying them loads no exception class).
 */
final class DriverFailures {

	private DriverFailures() {
	}

	/**
	 * The failure of a request of a kind no template's driver or storage answers.
	 */
	static IllegalStateException unknown(Object request) {
		return new IllegalStateException("A template's driver does not send " + request);
	}

	/**
	 * The failure of a request a plan asks its caller ({@code Request.Caller}) in a run given no answerer: a read's,
	 * or a plan run side by side on another thread by the blocking driver.
	 */
	static IllegalStateException noCaller(Object request) {
		return new IllegalStateException("No caller answers " + request + " in this run");
	}

	/**
	 * The failure of a thread interrupted while it waited: for requests sent side by side or prefetched, or to send
	 * a request again.
	 * @param message what it waited for
	 */
	static RuntimeException interrupted(String message, InterruptedException ex) {
		return new TransientDataAccessResourceException(message, ex);
	}

	/**
	 * The failure of a request the template cannot send because it has no blob storage.
	 */
	static IllegalStateException withoutStorage(BlobRequest request) {
		return new IllegalStateException("A plan asked for an object request (" + request.getClass().getSimpleName()
				+ ") of a template without blob storage");
	}

}
