package dev.singletable.console.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 as an attacker writes it: every header as given ({@code Host} and forwarded headers included, which
 * Java's HTTP clients refuse to forge), over a socket to the address given, so that the server's peer is that
 * address (connecting to this machine's {@code 192.0.2.2} makes the peer {@code 192.0.2.2}, not loopback).
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * An answer.
	 * @param status the status code
	 * @param headers the headers, names lower case (the last of repeated ones)
	 * @param body the body, as UTF-8 text
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		public @Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

	/**
	 * Sends one request and reads the answer.
	 * @param address the server's address to connect to (which becomes the peer's)
	 * @param port the server's port
	 * @param method the method
	 * @param path the path and query, encoded
	 * @param headers the headers, {@code Host} included: none is added but {@code Connection: close} and a body's
	 * {@code Content-Length}
	 * @param body a form body, or {@literal null}
	 * @return the answer
	 */
	public static Response send(InetAddress address, int port, String method, String path, Map<String, String> headers,
			@Nullable String body) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 10_000);
			socket.setSoTimeout(30_000);
			StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Type: application/x-www-form-urlencoded\r\n");
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("Connection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.UTF_8));
			out.write(content);
			out.flush();
			return read(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("HTTP " + method + " " + path + " to " + address + ":" + port, ex);
		}
	}

	/** A GET. */
	public static Response get(InetAddress address, int port, String path, Map<String, String> headers) {
		return send(address, port, "GET", path, headers, null);
	}

	private static Response read(InputStream in) throws IOException {
		byte[] all = in.readAllBytes();
		String text = new String(all, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
		}
		byte[] raw = java.util.Arrays.copyOfRange(all, end + 4, all.length);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			raw = dechunk(raw);
		}
		return new Response(status, headers, new String(raw, StandardCharsets.UTF_8));
	}

	private static byte[] dechunk(byte[] raw) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int i = 0;
		while (i < raw.length) {
			int lineEnd = i;
			while (lineEnd + 1 < raw.length && !(raw[lineEnd] == '\r' && raw[lineEnd + 1] == '\n')) {
				lineEnd++;
			}
			String sizeText = new String(raw, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].strip();
			int size = Integer.parseInt(sizeText, 16);
			if (size == 0) {
				break;
			}
			out.write(raw, lineEnd + 2, size);
			i = lineEnd + 2 + size + 2;
		}
		return out.toByteArray();
	}

}
