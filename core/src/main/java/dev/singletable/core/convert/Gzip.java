package dev.singletable.core.convert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Gzip of the stored JSON, byte-compatible with Python's {@code gzip.compress}/{@code gzip.decompress}. JSON is
 * deflated as it is written, so no uncompressed copy of a document is held on writes; reads inflate the document
 * into a reused buffer in one pass and parse it from there. The deflaters and inflaters, with their native memory,
 * are reused from call to call ({@link IdlePool}), each by one thread at a time.
 */
final class Gzip {

	/**
	 * The header of every member written: no optional fields, no modification time, no extra flags, operating system
	 * unknown; what {@link java.util.zip.GZIPOutputStream} writes (Java 16 and later).
	 */
	static final byte[] HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private static final int BUFFER = 8192;

	/** The pools of encoders by level, {@code -1} (zlib's default) to {@code 9}, at index level + 1. */
	private static final IdlePool<?>[] ENCODERS = new IdlePool<?>[11];

	static {
		for (int i = 0; i < ENCODERS.length; i++) {
			int level = i - 1;
			ENCODERS[i] = new IdlePool<>(IdlePool.CAPACITY, () -> new GzipEncoder(level), GzipEncoder::end);
		}
	}

	private static final IdlePool<GzipDecoder> DECODERS = new IdlePool<>(IdlePool.CAPACITY, GzipDecoder::new,
			GzipDecoder::end);

	private Gzip() {
	}

	/**
	 * Compresses what a writer writes.
	 * @param level the deflate level, {@code 1} (fastest) to {@code 9} (smallest)
	 * @param writer writes the uncompressed bytes
	 * @return the gzip bytes
	 */
	static byte[] compress(int level, Writer writer) {
		IdlePool<GzipEncoder> pool = encoders(level);
		GzipEncoder encoder = pool.take();
		try {
			writer.writeTo(encoder.start());
			byte[] member = encoder.finish();
			pool.giveBack(encoder);
			return member;
		}
		catch (IOException ex) {
			pool.discard(encoder);
			throw new UncheckedIOException(ex);
		}
		catch (RuntimeException | Error ex) {
			pool.discard(encoder);
			throw ex;
		}
	}

	/**
	 * Parses gzip bytes with a reader that consumes the uncompressed bytes.
	 * @param <T> what the reader returns
	 * @param bytes the gzip bytes
	 * @param reader reads the uncompressed bytes
	 * @return what the reader returned
	 * @throws UncheckedIOException if the bytes are not gzip
	 */
	static <T> T decompress(byte[] bytes, Reader<T> reader) {
		GzipDecoder decoder = DECODERS.take();
		try {
			int length = decoder.inflate(bytes);
			T result = (length != GzipDecoder.OTHER_FORM) ? reader.readFrom(decoder.buffer(), 0, length)
					: decompressStreamed(bytes, reader);
			decoder.shrink();
			DECODERS.giveBack(decoder);
			return result;
		}
		catch (IOException ex) {
			DECODERS.discard(decoder);
			throw new UncheckedIOException("The data attribute is not valid gzip: " + ex.getMessage(), ex);
		}
		catch (RuntimeException | Error ex) {
			DECODERS.discard(decoder);
			throw ex;
		}
	}

	/** Reads gzip in the forms {@link GzipDecoder} leaves to a stream (optional header fields, several members). */
	private static <T> T decompressStreamed(byte[] bytes, Reader<T> reader) throws IOException {
		byte[] content;
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), BUFFER)) {
			content = in.readAllBytes();
		}
		return reader.readFrom(content, 0, content.length);
	}

	@SuppressWarnings("unchecked")
	private static IdlePool<GzipEncoder> encoders(int level) {
		if (level < -1 || level > 9) {
			throw new IllegalArgumentException("The gzip level must be 1 (fastest) to 9 (smallest), got " + level);
		}
		return (IdlePool<GzipEncoder>) ENCODERS[level + 1];
	}

	/**
	 * Writes uncompressed bytes.
	 */
	@FunctionalInterface
	interface Writer {

		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * Reads uncompressed bytes.
	 * @param <T> the result
	 */
	@FunctionalInterface
	interface Reader<T> {

		/**
		 * Reads the uncompressed bytes, which are valid only during the call.
		 * @param bytes holds the uncompressed bytes
		 * @param offset where they start
		 * @param length how many there are
		 * @return the result
		 * @throws IOException when they cannot be read
		 */
		T readFrom(byte[] bytes, int offset, int length) throws IOException;

	}

}
