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
	 * @param level the deflate level, {@code 1} (fastest) to {@code 9} (smallest)
	 * @param writer writes the uncompressed bytes
	 * @return the gzip bytes
	 */
	static byte[] compress(int level, Writer writer) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try (GZIPOutputStream gzip = new LeveledGzipOutputStream(out, level)) {
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
	 * A gzip stream deflating at a chosen level. The header and trailer do not depend on the level (the header's
	 * extra-flags byte stays 0, which every reader ignores), so any gzip reader reads the result.
	 */
	private static final class LeveledGzipOutputStream extends GZIPOutputStream {

		LeveledGzipOutputStream(OutputStream out, int level) throws IOException {
			super(out, BUFFER);
			this.def.setLevel(level);
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
