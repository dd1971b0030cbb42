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
 * @param remoteAddress the client's address, or {@literal null} when the stack does not know it
 * @param principal the authenticated user, or {@literal null}
 * @param securityCsrf the CSRF token of Spring Security for this request, or {@literal null} without it
 * @param csrfCookie the value of the console's own CSRF cookie, or {@literal null}
 */
record ConsoleRequest(String method, String path, Map<String, List<String>> parameters,
		@Nullable InetAddress remoteAddress, @Nullable Principal principal, @Nullable CsrfField securityCsrf,
		@Nullable String csrfCookie) {

	/** The name of the console's own CSRF cookie and form field (used only without Spring Security's). */
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

	/**
	 * A hidden form field carrying a CSRF token.
	 * @param name the parameter name
	 * @param token the token
	 */
	record CsrfField(String name, String token) {
	}

}
