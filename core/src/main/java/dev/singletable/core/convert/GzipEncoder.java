package dev.singletable.core.convert;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member at a time, deflated at a fixed level as the bytes are written, reusable: its {@link Deflater},
 * checksum and output buffer serve member after member ({@link #start()}), so that a write neither allocates nor
 * frees native memory. The bytes are those {@link java.util.zip.GZIPOutputStream} writes at the same level: the same
 * header, the same deflate stream (the deflater is called with the same input and as much room for output as
 * there), the same trailer. Not thread-safe: one writer at a time.
 */
final class GzipEncoder extends OutputStream {

	/** The output buffer kept between members; a larger one, grown for a large document, is not kept. */
	private static final int KEPT_BUFFER = 64 * 1024;

	private static final int INITIAL_BUFFER = 16 * 1024;

	/** The room given to each call of the deflater: the buffer size of {@link java.util.zip.GZIPOutputStream}. */
	private static final int CHUNK = 8192;

	private final Deflater deflater;

	private final CRC32 crc = new CRC32();

	private final byte[] single = new byte[1];

	private byte[] buffer = new byte[INITIAL_BUFFER];

	private int position;

	/**
	 * Creates an encoder.
	 * @param level the deflate level, {@code -1} (zlib's default) or {@code 0} to {@code 9}
	 * @throws IllegalArgumentException for another level
	 */
	GzipEncoder(int level) {
		this.deflater = new Deflater(level, true);
	}

	/**
	 * Starts a member: what is written next is its content.
	 * @return this encoder
	 */
	GzipEncoder start() {
		this.deflater.reset();
		this.crc.reset();
		System.arraycopy(Gzip.HEADER, 0, this.buffer, 0, Gzip.HEADER.length);
		this.position = Gzip.HEADER.length;
		return this;
	}

	@Override
	public void write(int b) {
		this.single[0] = (byte) b;
		write(this.single, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return;
		}
		this.crc.update(bytes, offset, length);
		this.deflater.setInput(bytes, offset, length);
		while (!this.deflater.needsInput()) {
			deflate();
		}
	}

	/** Does nothing: only {@link #finish()} ends the member (a sync flush would change the bytes). */
	@Override
	public void flush() {
	}

	/** Does nothing: a JSON generator closes its target when done, and {@link #finish()} follows. */
	@Override
	public void close() {
	}

	/**
	 * Ends the member.
	 * @return the gzip bytes of everything written since {@link #start()}
	 */
	byte[] finish() {
		this.deflater.finish();
		while (!this.deflater.finished()) {
			deflate();
		}
		ensureSpace(8);
		writeIntLittleEndian((int) this.crc.getValue());
		// ISIZE: the uncompressed size modulo 2^32
		writeIntLittleEndian((int) this.deflater.getBytesRead());
		byte[] member = Arrays.copyOf(this.buffer, this.position);
		if (this.buffer.length > KEPT_BUFFER) {
			this.buffer = new byte[INITIAL_BUFFER];
		}
		return member;
	}

	/**
	 * Releases the native memory of the deflater; the encoder cannot be used afterwards.
	 */
	void end() {
		this.deflater.end();
	}

	/**
	 * Deflates into at most {@link #CHUNK} bytes, as a {@link java.util.zip.DeflaterOutputStream} into its buffer: at
	 * level 0 zlib sizes stored blocks by the room it is given, so the room must be the same to write the same bytes.
	 */
	private void deflate() {
		ensureSpace(CHUNK);
		this.position += this.deflater.deflate(this.buffer, this.position, CHUNK, Deflater.NO_FLUSH);
	}

	private void ensureSpace(int bytes) {
		if (this.buffer.length - this.position < bytes) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.position + bytes));
		}
	}

	private void writeIntLittleEndian(int value) {
		this.buffer[this.position++] = (byte) value;
		this.buffer[this.position++] = (byte) (value >> 8);
		this.buffer[this.position++] = (byte) (value >> 16);
		this.buffer[this.position++] = (byte) (value >>> 24);
	}

}
