package dev.singletable.console;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the singletable console, bound from {@code singletable.console.*}.
 *
 * @param enabled Whether to serve the console. Unset, it is served only when the application uses the embedded
 * DynamoDB Local (development and tests), as Spring Boot serves the H2 console only in development.
 * @param path The path the console is served at.
 * @param readOnly Whether the console refuses every change. With 'false' it can restore a version and delete a
 * resource, each after a confirmation page, by a POST that carries a CSRF token.
 * @param allowRemote Whether a console without Spring Security answers clients other than the loopback address
 * (others get 403). The address is the connection's, never a forwarded header's. With Spring Security the role is
 * required instead, from any address.
 * @param role The role a user needs for the console when Spring Security is on the classpath (without the 'ROLE_'
 * prefix). An anonymous request is refused with 401, a user without the role with 403.
 * @param maskedProperties Properties whose values are shown as '••••' on every page: a property name (Java or
 * stored) of any type, or 'Type.property' for one type (its prefix or simple class name). Properties annotated
 * with {@link ConsoleMasked} are masked too.
 * @param pageSize How many resources a page of a type shows.
 * @param allowedHosts Host names (or addresses) the console answers to besides localhost and the loopback
 * addresses: a request whose Host header names another is refused with 403 (a page that rebinds its own name to
 * 127.0.0.1 sends its own name). List the names a remote or proxied console is reached by.
 */
@ConfigurationProperties("singletable.console")
public record SingleTableConsoleProperties(@Nullable Boolean enabled, @DefaultValue("/singletable") String path,
		@DefaultValue("true") boolean readOnly, @DefaultValue("false") boolean allowRemote,
		@DefaultValue("ADMIN") String role, @DefaultValue List<String> maskedProperties,
		@DefaultValue("25") int pageSize, @DefaultValue List<String> allowedHosts) {

	/**
	 * Checks the settings and normalizes the path (a leading slash, no trailing one).
	 */
	public SingleTableConsoleProperties {
		String trimmed = path.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException(
					"singletable.console.path must name a path below the root, for example '/singletable'");
		}
		path = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
		if (pageSize < 1 || pageSize > 1000) {
			throw new IllegalArgumentException("singletable.console.page-size must be between 1 and 1000, not " + pageSize);
		}
		role = role.startsWith("ROLE_") ? role.substring("ROLE_".length()) : role;
		maskedProperties = List.copyOf(maskedProperties);
		allowedHosts = List.copyOf(allowedHosts);
	}

}
