package dev.singletable.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console answers, for either web stack to write.
 *
 * @param status the HTTP status
 * @param contentType the content type
 * @param body the body
 * @param headers further headers (a redirect's {@code Location}, {@code Set-Cookie}, caching)
 */
record ConsoleResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

	static final String HTML = "text/html;charset=UTF-8";

	static ConsoleResponse html(int status, String html) {
		return new ConsoleResponse(status, HTML, html.getBytes(StandardCharsets.UTF_8), security(Map.of()));
	}

	static ConsoleResponse redirect(String location) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Location", location);
		return new ConsoleResponse(303, HTML, new byte[0], security(headers));
	}

	static ConsoleResponse bytes(String contentType, byte[] body, Map<String, String> headers) {
		return new ConsoleResponse(200, contentType, body, security(headers));
	}

	/**
	 * A blob as a download that never runs on the console's origin: an attachment with a file name carrying the
	 * type's extension, sandboxed by its own Content-Security-Policy (no script, no plugin, an opaque origin even
	 * when opened directly), never sniffed.
	 */
	static ConsoleResponse download(String contentType, byte[] body, String fileName) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
		headers.put("Content-Security-Policy", "sandbox; default-src 'none'");
		headers.put("Cross-Origin-Resource-Policy", "same-origin");
		return new ConsoleResponse(200, contentType, body, security(headers));
	}

	ConsoleResponse withHeader(String name, String value) {
		Map<String, String> all = new LinkedHashMap<>(this.headers);
		all.put(name, value);
		return new ConsoleResponse(this.status, this.contentType, this.body, all);
	}

	/** Headers every answer carries: no sniffing, no framing by other sites, scripts and styles only our own. */
	private static Map<String, String> security(Map<String, String> headers) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.putIfAbsent("X-Content-Type-Options", "nosniff");
		all.putIfAbsent("X-Frame-Options", "SAMEORIGIN");
		all.putIfAbsent("Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'");
		all.putIfAbsent("Cache-Control", "no-store");
		all.putIfAbsent("Referrer-Policy", "same-origin");
		return all;
	}

}
