package dev.singletable.internal.direct;

import java.io.ByteArrayOutputStream;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Request;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The rule of reading an object's body under the limit of a {@link Request.GetObject}, the same for the drivers of
 * both execution models ({@link ObjectDriver}, {@link ReactiveObjectDriver}): a body whose announced length exceeds
 * the limit is not read at all ({@link #tooLong()}), else it is read chunk by chunk until it ends or what arrived
 * exceeds the limit ({@link #add}); the {@link Request.GetObject.Content} says which. The drivers only move the bytes:
 * from a stream on the calling thread, or from a publisher's buffers.
 */
final class ObjectBody {

	private final Request.GetObject get;

	private final GetObjectResponse response;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/** The bytes that arrived, those past the limit included. */
	private long size;

	ObjectBody(Request.GetObject get, GetObjectResponse response) {
		this.get = get;
		this.response = response;
	}

	/**
	 * Returns the content, without its body, of an object whose announced length exceeds the limit: its body is not
	 * to be read (the driver releases the connection); {@literal null} when the body is to be read.
	 */
	Request.GetObject.@Nullable Content tooLong() {
		Long length = this.response.contentLength();
		return (length != null && this.get.exceeds(length)) ? new Request.GetObject.Content(this.response, null, length)
				: null;
	}

	/**
	 * Adds the next bytes of the body, unless what arrived then exceeds the limit.
	 * @param chunk holds the bytes from its start
	 * @param length how many bytes of {@code chunk} arrived
	 * @return whether what arrived exceeds the limit: the rest of the body is not to be read
	 */
	boolean add(byte[] chunk, int length) {
		this.size += length;
		if (this.get.exceeds(this.size)) {
			return true;
		}
		this.out.write(chunk, 0, length);
		return false;
	}

	/**
	 * Returns the content read: the body, or none, with what arrived, when it exceeded the limit.
	 */
	Request.GetObject.Content content() {
		return this.get.exceeds(this.size) ? new Request.GetObject.Content(this.response, null, this.size)
				: new Request.GetObject.Content(this.response, this.out.toByteArray(), this.size);
	}

}
