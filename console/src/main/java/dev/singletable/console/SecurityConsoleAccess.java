package dev.singletable.console;

import java.security.Principal;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The rule with Spring Security on the classpath: the request's user must be authenticated (else 401) and have the
 * console's role (else 403). Spring Security's own filter chain still applies before it.
 */
final class SecurityConsoleAccess implements ConsoleAccess {

	private final String role;

	private final String authority;

	SecurityConsoleAccess(String role) {
		this.role = role;
		this.authority = "ROLE_" + role;
	}

	@Override
	public void check(ConsoleRequest request) {
		Principal principal = request.principal();
		if (!(principal instanceof Authentication authentication) || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			throw new ConsoleException(401, "Unauthorized",
					"Sign in as a user with role " + this.role + " to use the singletable console.");
		}
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			if (this.authority.equals(granted.getAuthority())) {
				return;
			}
		}
		throw ConsoleException.forbidden("User '" + authentication.getName() + "' lacks role " + this.role
				+ ", which the singletable console requires (singletable.console.role).");
	}

}
