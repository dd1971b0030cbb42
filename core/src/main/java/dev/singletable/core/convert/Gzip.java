package dev.singletable.core.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip of the stored JSON, byte-compatible with Python's {@code gzip.compress}/{@code gzip.decompress}. JSON is
 * written into and parsed out of the gzip streams directly, so no uncompressed copy of a document is held.
 */
final class Gzip {

	private static final int BUFFER = 8192;

	private Gzip() {
	}

	/**
	 * Compresses what a writer writes.
	 * @param writer writes the uncompressed bytes
	 * @return the gzip bytes
	 */
	static byte[] compress(Writer writer) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, BUFFER)) {
			writer.writeTo(gzip);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Parses gzip bytes with a reader that consumes the uncompressed stream.
	 * @param <T> what the reader returns
	 * @param bytes the gzip bytes
	 * @param reader reads the uncompressed stream
	 * @return what the reader returned
	 * @throws UncheckedIOException if the bytes are not gzip
	 */
	static <T> T decompress(byte[] bytes, Reader<T> reader) {
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes), BUFFER)) {
			return reader.readFrom(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The data attribute is not valid gzip: " + ex.getMessage(), ex);
		}
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

		T readFrom(InputStream in) throws IOException;

	}

}
