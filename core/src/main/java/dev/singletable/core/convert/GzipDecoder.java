package dev.singletable.core.convert;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Inflates a gzip member held in memory into a buffer in one pass, reusable: its {@link Inflater}, checksum and
 * buffer serve member after member, so that a read neither allocates nor frees native memory. It checks what
 * {@link java.util.zip.GZIPInputStream} checks (the trailer's CRC-32 and size) and takes only the form every writer of
 * the stored items produces, a single member without optional header fields; {@link #inflate} says when bytes are in
 * another form, for the caller to read them as a stream. Not thread-safe: one reader at a time.
 */
final class GzipDecoder {

	/** The buffer kept between members; a larger one, grown for a large document, is not kept. */
	private static final int KEPT_BUFFER = 128 * 1024;

	private static final int INITIAL_BUFFER = 32 * 1024;

	private static final int TRAILER = 8;

	/** Stands for bytes in a form this decoder leaves to a stream. */
	static final int OTHER_FORM = -1;

	private final Inflater inflater = new Inflater(true);

	private final CRC32 crc = new CRC32();

	private byte[] buffer = new byte[INITIAL_BUFFER];

	/**
	 * Inflates a gzip member into {@link #buffer()}.
	 * @param gzip the gzip bytes
	 * @return how many bytes of the buffer hold the content, or {@link #OTHER_FORM} when the bytes hold optional
	 * header fields or more than one member
	 * @throws IOException when the bytes are not valid gzip
	 */
	int inflate(byte[] gzip) throws IOException {
		if (!isPlainMember(gzip)) {
			return OTHER_FORM;
		}
		this.inflater.reset();
		this.inflater.setInput(gzip, Gzip.HEADER.length, gzip.length - Gzip.HEADER.length);
		long declared = readIntLittleEndian(gzip, gzip.length - 4) & 0xffffffffL;
		if (this.buffer.length < declared && declared <= Integer.MAX_VALUE - 8) {
			// the declared size is a hint only: a corrupt one costs at most a larger array, the content decides
			this.buffer = new byte[(int) Math.min(declared, (long) gzip.length * 1032 + 64)];
		}
		int length = 0;
		try {
			while (!this.inflater.finished()) {
				if (length == this.buffer.length) {
					this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, 1024));
				}
				int inflated = this.inflater.inflate(this.buffer, length, this.buffer.length - length);
				length += inflated;
				if (inflated == 0 && !this.inflater.finished()) {
					if (this.inflater.needsDictionary()) {
						throw new ZipException("a preset dictionary is not part of gzip");
					}
					if (this.inflater.needsInput()) {
						throw new EOFException("Unexpected end of ZLIB input stream");
					}
				}
			}
		}
		catch (DataFormatException ex) {
			String message = ex.getMessage();
			throw new ZipException((message != null) ? message : "Invalid ZLIB data format");
		}
		int remaining = this.inflater.getRemaining();
		if (remaining > TRAILER) {
			// another member follows, or bytes a gzip stream ignores: the stream reads them as ever
			return OTHER_FORM;
		}
		if (remaining < TRAILER) {
			throw new EOFException("Unexpected end of the gzip trailer");
		}
		this.crc.reset();
		this.crc.update(this.buffer, 0, length);
		int trailer = gzip.length - TRAILER;
		if (readIntLittleEndian(gzip, trailer) != (int) this.crc.getValue()
				|| readIntLittleEndian(gzip, trailer + 4) != (int) this.inflater.getBytesWritten()) {
			throw new ZipException("Corrupt GZIP trailer");
		}
		return length;
	}

	/**
	 * The buffer {@link #inflate} filled, valid until the next call.
	 * @return the buffer
	 */
	byte[] buffer() {
		return this.buffer;
	}

	/**
	 * Drops a buffer grown for a large document, so that an idle decoder holds little.
	 */
	void shrink() {
		if (this.buffer.length > KEPT_BUFFER) {
			this.buffer = new byte[INITIAL_BUFFER];
		}
	}

	/**
	 * Releases the native memory of the inflater; the decoder cannot be used afterwards.
	 */
	void end() {
		this.inflater.end();
	}

	/** A header without optional fields (what Java and Python write) and room for a trailer. */
	private static boolean isPlainMember(byte[] gzip) {
		return gzip.length >= Gzip.HEADER.length + TRAILER && gzip[0] == Gzip.HEADER[0] && gzip[1] == Gzip.HEADER[1]
				&& gzip[2] == Gzip.HEADER[2] && gzip[3] == 0;
	}

	private static int readIntLittleEndian(byte[] bytes, int offset) {
		return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
				| (bytes[offset + 3] & 0xff) << 24;
	}

}
