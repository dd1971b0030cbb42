package dev.singletable.console;

import java.net.InetAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request to the console as both web stacks hand it over: what the pages and the access rules need and nothing
 * of the stack.
 *
 * @param method the HTTP method, upper case
 * @param path the path below the console's path: empty or starting with {@code /}
 * @param parameters the query and form parameters
 * @param peerAddress the address of the connection's peer (the socket's, never one a header named), or
 * {@literal null} when the server does not tell it
 * @param principal the authenticated user, or {@literal null}
 * @param securityCsrf the CSRF token of Spring Security for this request, or {@literal null} without it
 * @param host the {@code Host} header, or {@literal null}
 * @param origin the {@code Origin} header, or {@literal null}
 * @param fetchSite the {@code Sec-Fetch-Site} header, or {@literal null}
 */
record ConsoleRequest(String method, String path, Map<String, List<String>> parameters,
		@Nullable InetAddress peerAddress, @Nullable Principal principal, @Nullable CsrfField securityCsrf,
		@Nullable String host, @Nullable String origin, @Nullable String fetchSite) {

	/** The name of the console's own CSRF form field. */
	static final String CSRF_NAME = "singletable_console_csrf";

	@Nullable String parameter(String name) {
		List<String> values = this.parameters.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		String value = values.get(0);
		return (value == null || value.isBlank()) ? null : value;
	}

	boolean isPost() {
		return "POST".equals(this.method);
	}

	/** Whether the method reads (GET, HEAD, OPTIONS) rather than changes. */
	boolean isSafe() {
		return "GET".equals(this.method) || "HEAD".equals(this.method) || "OPTIONS".equals(this.method);
	}

	/**
	 * A hidden form field carrying a CSRF token.
	 * @param name the parameter name
	 * @param token the token
	 */
	record CsrfField(String name, String token) {
	}

}
