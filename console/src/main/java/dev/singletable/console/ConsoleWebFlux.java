package dev.singletable.console;

import java.net.InetAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.singletable.console.ConsoleRequest.CsrfField;

/**
 * The console on WebFlux: a functional route at the console's path that gathers what a {@link ConsoleRequest}
 * needs (principal, form, Spring Security's CSRF token) without blocking, then runs the blocking
 * {@link ConsoleHandler} on Reactor's bounded elastic scheduler; the live events as a stream of Server-Sent Events.
 */
final class ConsoleWebFlux {

	private static final String SECURITY_CSRF_ATTRIBUTE = "org.springframework.security.web.server.csrf.CsrfToken";

	private ConsoleWebFlux() {
	}

	static RouterFunction<ServerResponse> routes(String base, ConsoleHandler handler, @Nullable ConsoleEvents events,
			boolean security, boolean serverForwards) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		if (events != null) {
			routes.GET(base + "/events", (request) -> consoleRequest(base, request, security, serverForwards).flatMap((consoleRequest) -> {
				ConsoleResponse refusal = handler.refusal(consoleRequest);
				if (refusal != null) {
					return write(refusal);
				}
				Flux<ServerSentEvent<String>> changes = Flux.create((sink) -> {
					Runnable end = events.subscribe((line) -> sink.next(ServerSentEvent.builder(line).event("change").build()),
							sink::complete);
					sink.onDispose(end::run);
				});
				return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(changes, ServerSentEvent.class);
			}));
		}
		routes.route(RequestPredicates.path(base).or(RequestPredicates.path(base + "/**")),
				(request) -> consoleRequest(base, request, security, serverForwards)
					.flatMap((consoleRequest) -> Mono.fromCallable(() -> handler.handle(consoleRequest))
						.subscribeOn(Schedulers.boundedElastic()))
					.flatMap(ConsoleWebFlux::write));
		return routes.build();
	}

	private static Mono<ServerResponse> write(ConsoleResponse response) {
		ServerResponse.BodyBuilder builder = ServerResponse.status(response.status())
			.headers((headers) -> response.headers().forEach(headers::add))
			.contentType(MediaType.parseMediaType(response.contentType()));
		return (response.body().length == 0) ? builder.build() : builder.bodyValue(response.body());
	}

	private static Mono<ConsoleRequest> consoleRequest(String base, ServerRequest request, boolean security,
			boolean serverForwards) {
		Mono<Optional<Principal>> principal = request.principal().map(Optional::of).defaultIfEmpty(Optional.empty());
		boolean form = request.headers()
			.contentType()
			.filter(MediaType.APPLICATION_FORM_URLENCODED::isCompatibleWith)
			.isPresent();
		Mono<MultiValueMap<String, String>> formData = form ? request.formData()
				: Mono.just(new org.springframework.util.LinkedMultiValueMap<>());
		Mono<Optional<CsrfField>> csrf = security ? securityCsrf(request) : Mono.just(Optional.empty());
		return Mono.zip(principal, formData, csrf).map((parts) -> {
			String path = request.requestPath().pathWithinApplication().value();
			path = path.startsWith(base) ? path.substring(base.length()) : path;
			Map<String, List<String>> parameters = new LinkedHashMap<>();
			request.queryParams().forEach((name, values) -> parameters.put(name, new ArrayList<>(values)));
			parts.getT2().forEach((name, values) -> parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
			org.springframework.http.HttpHeaders headers = request.exchange().getRequest().getHeaders();
			InetAddress address = ReactivePeer.of(request.exchange().getRequest(), serverForwards);
			return new ConsoleRequest(request.method().name(), path, parameters, address, parts.getT1().orElse(null),
					parts.getT3().orElse(null), headers.getFirst("Host"), headers.getFirst("Origin"),
					headers.getFirst("Sec-Fetch-Site"));
		});
	}

	private static Mono<Optional<CsrfField>> securityCsrf(ServerRequest request) {
		Object token = request.exchange().getAttribute(SECURITY_CSRF_ATTRIBUTE);
		if (token instanceof Mono<?> mono) {
			return mono.map((value) -> Optional.ofNullable(SecurityCsrf.of(value))).defaultIfEmpty(Optional.empty());
		}
		return Mono.just(Optional.ofNullable(SecurityCsrf.of(token)));
	}

}
