package dev.singletable.console;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The names the console answers to and the origin its changes must come from. A request whose {@code Host} is not
 * a loopback name or address ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}) nor one of
 * {@code singletable.console.allowed-hosts} is refused before anything is read: a web page that rebinds its own
 * name to {@code 127.0.0.1} sends its own name as {@code Host}. A request that changes something must carry an
 * {@code Origin} of the console's own origin (the scheme and the {@code Host} it was sent to), or, without one,
 * {@code Sec-Fetch-Site: same-origin}: a page of another origin (another port of this machine included) is refused.
 */
final class ConsoleOrigins {

	private final Set<String> allowedHosts;

	/**
	 * @param allowedHosts further host names (or addresses) the console answers to, without ports
	 */
	ConsoleOrigins(List<String> allowedHosts) {
		this.allowedHosts = allowedHosts.stream()
			.map((host) -> stripBrackets(host.strip().toLowerCase(Locale.ROOT)))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Refuses a request sent to a name the console does not answer to.
	 * @param request the request
	 * @throws ConsoleException 403 naming the host and the property that would allow it
	 */
	void checkHost(ConsoleRequest request) {
		String host = request.host();
		if (host == null || host.isBlank()) {
			throw ConsoleException.forbidden("The singletable console answers only requests naming their host "
					+ "(a Host header).");
		}
		String name = hostName(host);
		if (name == null || !(isLoopbackName(name) || this.allowedHosts.contains(name))) {
			throw ConsoleException.forbidden("The singletable console does not answer requests for host '" + host
					+ "': it answers localhost and the loopback addresses, and the names listed in "
					+ "singletable.console.allowed-hosts.");
		}
	}

	/**
	 * Refuses a change that does not come from a page of the console's own origin.
	 * @param request a request that changes something
	 * @throws ConsoleException 403 saying what was expected
	 */
	void checkOrigin(ConsoleRequest request) {
		String origin = request.origin();
		if (origin == null) {
			if (!"same-origin".equalsIgnoreCase(request.fetchSite())) {
				throw ConsoleException.forbidden("A change to the singletable console must come from one of its "
						+ "pages: this request carries neither an Origin header nor Sec-Fetch-Site: same-origin.");
			}
			return;
		}
		if (!sameOrigin(origin, request.host())) {
			throw ConsoleException.forbidden("A change to the singletable console must come from one of its pages: "
					+ "origin '" + origin + "' is not the console's own (" + request.host() + ").");
		}
	}

	private static boolean sameOrigin(String origin, @Nullable String host) {
		if (host == null || "null".equals(origin)) {
			return false;
		}
		try {
			URI uri = URI.create(origin);
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
				return false;
			}
			if (uri.getRawAuthority() == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
				return false;
			}
			return authority(uri.getRawAuthority(), uri.getScheme()).equals(authority(host, uri.getScheme()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Host and port, lower case, the scheme's default port made explicit. */
	private static String authority(String hostAndPort, String scheme) {
		String value = hostAndPort.strip().toLowerCase(Locale.ROOT);
		int close = value.lastIndexOf(']');
		int colon = value.lastIndexOf(':');
		if (colon > close) {
			return value;
		}
		return value + ("https".equalsIgnoreCase(scheme) ? ":443" : ":80");
	}

	/** The name of a {@code Host} header without its port, or {@literal null} when it is not one. */
	static @Nullable String hostName(String host) {
		String value = host.strip().toLowerCase(Locale.ROOT);
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			return (close > 0) ? value.substring(1, close) : null;
		}
		int colon = value.indexOf(':');
		if (colon >= 0 && value.indexOf(':', colon + 1) >= 0) {
			return null; // an IPv6 address must be in brackets
		}
		String name = (colon >= 0) ? value.substring(0, colon) : value;
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	private static boolean isLoopbackName(String name) {
		if ("localhost".equals(name) || "::1".equals(name) || "0:0:0:0:0:0:0:1".equals(name)) {
			return true;
		}
		String[] parts = name.split("\\.", -1);
		if (parts.length != 4 || !"127".equals(parts[0])) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
					|| Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

	private static String stripBrackets(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

}
