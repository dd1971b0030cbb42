package dev.singletable.console;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.web.csrf.CsrfToken;

import dev.singletable.console.ConsoleRequest.CsrfField;

/**
 * Spring Security's CSRF token of a servlet request, for the forms of the console; loaded only when Spring
 * Security's web classes are present.
 */
final class SecurityCsrf {

	private SecurityCsrf() {
	}

	static @Nullable CsrfField of(HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		if (token instanceof CsrfToken csrf) {
			return new CsrfField(csrf.getParameterName(), csrf.getToken());
		}
		return null;
	}

	static @Nullable CsrfField of(@Nullable Object token) {
		if (token instanceof CsrfToken csrf) {
			return new CsrfField(csrf.getParameterName(), csrf.getToken());
		}
		if (token instanceof org.springframework.security.web.server.csrf.CsrfToken csrf) {
			return new CsrfField(csrf.getParameterName(), csrf.getToken());
		}
		return null;
	}

}
