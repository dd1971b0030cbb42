package dev.singletable.console;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import dev.singletable.console.ConsoleRequest.CsrfField;

/**
 * The console on Spring MVC: a functional route at the console's path that turns a servlet request into a
 * {@link ConsoleRequest} and writes the {@link ConsoleResponse}; the live events as Server-Sent Events.
 */
final class ConsoleWebMvc {

	private ConsoleWebMvc() {
	}

	static RouterFunction<ServerResponse> routes(String base, ConsoleHandler handler, @Nullable ConsoleEvents events,
			boolean security, boolean serverForwards) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		if (events != null) {
			routes.GET(base + "/events", (request) -> {
				ConsoleResponse refusal = handler.refusal(consoleRequest(base, request, security, serverForwards));
				if (refusal != null) {
					return write(refusal);
				}
				return ServerResponse.sse((sse) -> {
					Runnable[] end = new Runnable[1];
					end[0] = events.subscribe((line) -> {
						try {
							sse.event("change").data(line);
						}
						catch (IOException ex) {
							throw new IllegalStateException(ex);
						}
					}, sse::complete);
					sse.onComplete(() -> end[0].run());
					sse.onTimeout(() -> end[0].run());
					sse.onError((ex) -> end[0].run());
				}, java.time.Duration.ofMinutes(30));
			});
		}
		routes.route(RequestPredicates.path(base).or(RequestPredicates.path(base + "/**")),
				(request) -> write(handler.handle(consoleRequest(base, request, security, serverForwards))));
		return routes.build();
	}

	/** The Host header; without one (HTTP/1.0), the name and port the container took the request on. */
	private static String host(HttpServletRequest sent) {
		String host = sent.getHeader("Host");
		return (host != null) ? host : sent.getServerName() + ":" + sent.getServerPort();
	}

	private static ServerResponse write(ConsoleResponse response) {
		// the handler answers only valid content types: a blob's invalid declared one is served as octet-stream
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.status())
			.headers((headers) -> response.headers().forEach(headers::add))
			.contentType(MediaType.parseMediaType(response.contentType()));
		return (response.body().length == 0) ? builder.build() : builder.body(response.body());
	}

	static ConsoleRequest consoleRequest(String base, ServerRequest request, boolean security,
			boolean serverForwards) {
		HttpServletRequest servlet = request.servletRequest();
		String path = request.requestPath().pathWithinApplication().value();
		path = path.startsWith(base) ? path.substring(base.length()) : path;
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		servlet.getParameterMap().forEach((name, values) -> parameters.put(name, new ArrayList<>(List.of(values))));
		CsrfField csrf = security ? SecurityCsrf.of(servlet) : null;
		// the headers as the client sent them, from the container's request under the application's wrappers
		HttpServletRequest sent = (ServletPeer.container(servlet) instanceof HttpServletRequest container) ? container
				: servlet;
		return new ConsoleRequest(servlet.getMethod().toUpperCase(java.util.Locale.ROOT), path, parameters,
				ServletPeer.of(servlet, serverForwards), servlet.getUserPrincipal(), csrf, host(sent),
				sent.getHeader("Origin"), sent.getHeader("Sec-Fetch-Site"));
	}

}
