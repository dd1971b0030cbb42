package dev.singletable.core.convert;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Gzip of the stored JSON, byte-compatible with Python's {@code gzip.compress}/{@code gzip.decompress}.
 */
final class Gzip {

	private Gzip() {
	}

	static byte[] compress(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static byte[] decompress(byte[] bytes) {
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes), 8192)) {
			return gzip.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The data attribute is not valid gzip: " + ex.getMessage(), ex);
		}
	}

}
