package dev.singletable.console;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What a blob's declared content type means to the console: whether it is a valid media type, the extension of its
 * download's file name, and how a page previews it. Only types shown as data are previewed: text (escaped) and
 * JSON in a {@code <pre>}, raster images through {@code <img>}; HTML, SVG and every other type only download.
 */
final class BlobTypes {

	/** How a resource page previews a blob. */
	enum Preview {

		/** As escaped text. */
		TEXT,

		/** Through {@code <img>}: a raster image, which runs nothing. */
		IMAGE,

		/** Not at all: download only. */
		NONE

	}

	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("text/plain", "txt"),
			Map.entry("text/csv", "csv"), Map.entry("text/markdown", "md"), Map.entry("text/html", "html"),
			Map.entry("text/css", "css"), Map.entry("text/javascript", "js"), Map.entry("application/javascript", "js"),
			Map.entry("text/xml", "xml"), Map.entry("application/xml", "xml"), Map.entry("application/json", "json"),
			Map.entry("application/pdf", "pdf"), Map.entry("application/zip", "zip"),
			Map.entry("application/gzip", "gz"), Map.entry("image/png", "png"), Map.entry("image/jpeg", "jpg"),
			Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"), Map.entry("image/avif", "avif"),
			Map.entry("image/bmp", "bmp"), Map.entry("image/svg+xml", "svg"),
			Map.entry("application/octet-stream", "bin"));

	private static final java.util.Set<String> RASTER = java.util.Set.of("image/png", "image/jpeg", "image/gif",
			"image/webp", "image/avif", "image/bmp");

	private static final java.util.Set<String> TEXT = java.util.Set.of("text/plain", "text/csv", "text/markdown",
			"application/json");

	private BlobTypes() {
	}

	/** The media type, or {@literal null} when the declared text is not one. */
	static @Nullable MediaType parse(String contentType) {
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return type.isConcrete() ? type : null;
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/** The type a download is served as: the declared one when valid, else {@code application/octet-stream}. */
	static String served(String contentType) {
		MediaType type = parse(contentType);
		return (type != null) ? type.toString() : MediaType.APPLICATION_OCTET_STREAM_VALUE;
	}

	/** The extension of a download of this type, without the dot. */
	static String extension(String contentType) {
		MediaType type = parse(contentType);
		if (type == null) {
			return "bin";
		}
		String base = essence(type);
		String known = EXTENSIONS.get(base);
		if (known != null) {
			return known;
		}
		if (type.getSubtype().endsWith("+json")) {
			return "json";
		}
		if (type.getSubtype().endsWith("+xml")) {
			return "xml";
		}
		return "text".equals(type.getType()) ? "txt" : "bin";
	}

	/** How a page previews a blob of this type. */
	static Preview preview(String contentType) {
		MediaType type = parse(contentType);
		if (type == null) {
			return Preview.NONE;
		}
		String base = essence(type);
		if (RASTER.contains(base)) {
			return Preview.IMAGE;
		}
		if (TEXT.contains(base) || type.getSubtype().endsWith("+json") && "application".equals(type.getType())) {
			return Preview.TEXT;
		}
		return Preview.NONE;
	}

	private static String essence(MediaType type) {
		return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
	}

}
