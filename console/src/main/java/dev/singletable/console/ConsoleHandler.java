package dev.singletable.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

import dev.singletable.console.ConsoleModel.TypeQuery;
import dev.singletable.console.ConsoleModel.TypeRef;
import dev.singletable.console.ConsoleRequest.CsrfField;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.query.InvalidCursorException;

/**
 * The console as one function from a {@link ConsoleRequest} to a {@link ConsoleResponse}, shared by both web
 * stacks: the host check and the access rule before anything is read, the routes, and for changes the read-only
 * refusal, the origin check and the CSRF token; error pages. It blocks (it reads through the blocking template):
 * the WebFlux adapter calls it on a worker thread.
 */
final class ConsoleHandler {

	private static final Log logger = LogFactory.getLog(ConsoleHandler.class);

	private final ConsoleModel model;

	private final ConsolePages pages;

	private final ConsoleAccess access;

	private final ConsoleOrigins origins;

	private final ConsoleCsrf csrf;

	private final String base;

	private final boolean readOnly;

	private final Map<String, byte[]> assets = new LinkedHashMap<>();

	ConsoleHandler(ConsoleModel model, ConsoleAccess access, ConsoleOrigins origins, ConsoleCsrf csrf, String base,
			boolean readOnly, boolean liveEvents) {
		this.model = model;
		this.access = access;
		this.origins = origins;
		this.csrf = csrf;
		this.base = base;
		this.readOnly = readOnly;
		this.pages = new ConsolePages(base, readOnly, liveEvents);
		this.assets.put("console.css", asset("console.css"));
		this.assets.put("console.js", asset("console.js"));
	}

	private static byte[] asset(String name) {
		try (InputStream in = ConsoleHandler.class.getResourceAsStream("/META-INF/singletable-console/" + name)) {
			if (in == null) {
				throw new IllegalStateException("The console's " + name + " is missing from its jar");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Checks the host and the access rule alone (the live events route of each stack calls it before streaming).
	 * @param request the request
	 * @return an error response, or {@literal null} when the request may proceed
	 */
	@Nullable ConsoleResponse refusal(ConsoleRequest request) {
		try {
			this.origins.checkHost(request);
			this.access.check(request);
			return null;
		}
		catch (ConsoleException ex) {
			return error(ex);
		}
	}

	ConsoleResponse handle(ConsoleRequest request) {
		try {
			this.origins.checkHost(request);
			this.access.check(request);
			return route(request);
		}
		catch (ConsoleException ex) {
			return error(ex);
		}
		catch (InvalidCursorException ex) {
			return error(ConsoleException.badRequest("The cursor of this link is not valid: " + ex.getMessage()));
		}
		catch (NoSuchResourceException ex) {
			return error(ConsoleException.notFound(ex.getMessage()));
		}
		catch (IllegalArgumentException | DataAccessException ex) {
			logger.debug("Console request " + request.method() + " " + request.path() + " failed", ex);
			return error(new ConsoleException(400, "Request failed", String.valueOf(ex.getMessage())));
		}
		catch (RuntimeException ex) {
			// an item the application cannot read, a failing blob store…: a page naming it, the trace in the log
			logger.warn("Console request " + request.method() + " " + request.path() + " failed", ex);
			return error(new ConsoleException(500, "Failed", ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
	}

	private ConsoleResponse error(ConsoleException ex) {
		ConsoleResponse response = ConsoleResponse.html(ex.status(),
				this.pages.error(ex.status(), ex.title(), String.valueOf(ex.getMessage())));
		return (ex.status() == 401) ? response.withHeader("WWW-Authenticate", "Basic realm=\"singletable console\"")
				: response;
	}

	private ConsoleResponse route(ConsoleRequest request) {
		List<String> segments = segments(request.path());
		if (!request.isSafe() && !isChange(segments)) {
			throw ConsoleException.forbidden(request.method() + " " + request.path() + " is refused: the console "
					+ "changes nothing but by restoring a version or deleting a resource, each from its confirmation page.");
		}
		if (segments.isEmpty()) {
			requireGet(request);
			return ConsoleResponse.html(200, this.pages.table(this.model.table()));
		}
		switch (segments.get(0)) {
			case "assets" -> {
				byte[] asset = (segments.size() == 2) ? this.assets.get(segments.get(1)) : null;
				if (asset == null) {
					throw ConsoleException.notFound("No console asset '" + request.path() + "'.");
				}
				String type = segments.get(1).endsWith(".css") ? "text/css;charset=UTF-8"
						: "text/javascript;charset=UTF-8";
				return ConsoleResponse.bytes(type, asset, Map.of("Cache-Control", "max-age=3600"));
			}
			case "types" -> {
				return types(request, segments);
			}
			case "collections" -> {
				if (segments.size() != 2) {
					break;
				}
				requireGet(request);
				String partition = request.parameter("partition");
				if (partition == null) {
					throw ConsoleException.badRequest("An item collection needs its partition key: ?partition=…");
				}
				return ConsoleResponse.html(200, this.pages
					.collection(this.model.collection(segments.get(1), partition, request.parameter("cursor"))));
			}
			default -> {
			}
		}
		throw ConsoleException.notFound("The console has no page '" + request.path() + "'.");
	}

	private ConsoleResponse types(ConsoleRequest request, List<String> segments) {
		if (segments.size() < 2) {
			return ConsoleResponse.redirect(this.base);
		}
		TypeRef type = this.model.type(segments.get(1));
		if (segments.size() == 2) {
			requireGet(request);
			return ConsoleResponse.html(200, this.pages.type(this.model.typePage(type, typeQuery(request))));
		}
		String id = ConsolePages.decodeId(segments.get(2));
		if (segments.size() == 3) {
			requireGet(request);
			return ConsoleResponse.html(200, this.pages
				.resource(this.model.resource(type, id, number(request, "from"), number(request, "to"))));
		}
		String action = segments.get(3);
		String resource = this.pages.resourceLink(type.name(), id);
		if (segments.size() == 5 && "blobs".equals(action)) {
			requireGet(request);
			ConsoleModel.Blob blob = this.model.blob(type, id, segments.get(4));
			return ConsoleResponse.download(BlobTypes.served(blob.contentType()), blob.bytes(),
					segments.get(4).replaceAll("[^A-Za-z0-9_-]", "_") + "." + BlobTypes.extension(blob.contentType()));
		}
		if (segments.size() == 4 && ("restore".equals(action) || "delete".equals(action))) {
			if (this.readOnly) {
				throw ConsoleException.forbidden("The singletable console is read-only: set "
						+ "singletable.console.read-only=false to restore versions and delete resources.");
			}
			Long version = number(request, "version");
			if ("restore".equals(action) && version == null) {
				throw ConsoleException.badRequest("Restoring needs the version: ?version=…");
			}
			if (request.isSafe()) {
				requireGet(request);
				this.model.find(type, id);
				String target = this.pages.resourceLink(type.name(), id, action)
						+ ((version != null) ? "?version=" + version : "");
				String question = "restore".equals(action)
						? "Restore version " + version + " of " + type.name() + " '" + id + "' as its new latest version?"
						: "Delete " + type.name() + " '" + id + "' and all its versions?";
				List<CsrfField> fields = new ArrayList<>();
				fields.add(new CsrfField(ConsoleRequest.CSRF_NAME, this.csrf.issue(action, type.name(), id, version)));
				if (request.securityCsrf() != null) {
					fields.add(request.securityCsrf());
				}
				return ConsoleResponse.html(200, this.pages.confirm(
						("restore".equals(action) ? "Restore " : "Delete ") + type.name() + " " + id, question, target,
						fields, resource));
			}
			if (!request.isPost()) {
				throw ConsoleException.forbidden(request.method() + " is refused: changes are POSTs of the console's "
						+ "confirmation pages.");
			}
			// Spring Security's filter has checked its own token, when present, before the console saw the request
			this.origins.checkOrigin(request);
			this.csrf.check(request.parameter(ConsoleRequest.CSRF_NAME), action, type.name(), id, version);
			if ("restore".equals(action)) {
				this.model.restore(type, id, version);
				return ConsoleResponse.redirect(resource);
			}
			this.model.delete(type, id);
			return ConsoleResponse.redirect(this.pages.typeLink(type.name()));
		}
		throw ConsoleException.notFound("The console has no page '" + request.path() + "'.");
	}

	private static void requireGet(ConsoleRequest request) {
		if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
			throw new ConsoleException(405, "Method not allowed",
					request.method() + " is not allowed on " + request.path() + "; this page is read with GET.");
		}
	}

	private static TypeQuery typeQuery(ConsoleRequest request) {
		Map<String, String> keys = new LinkedHashMap<>();
		request.parameters().forEach((name, values) -> {
			if (name.startsWith("key.") && !values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
				keys.put(name.substring(4), values.get(0));
			}
		});
		return new TypeQuery(request.parameter("index"), keys, request.parameter("sortOp"), request.parameter("sort"),
				request.parameter("sort2"), request.parameter("filter"), request.parameter("op"),
				request.parameter("value"), request.parameter("cursor"));
	}

	private static @Nullable Long number(ConsoleRequest request, String name) {
		String value = request.parameter(name);
		if (value == null) {
			return null;
		}
		try {
			return Long.parseLong(value.startsWith("v") ? value.substring(1) : value);
		}
		catch (NumberFormatException ex) {
			throw ConsoleException.badRequest("Parameter '" + name + "' must be a version number, not '" + value + "'");
		}
	}

	/** Whether the path is one of a change: {@code /types/{type}/{id}/restore} or {@code .../delete}. */
	private static boolean isChange(List<String> segments) {
		return segments.size() == 4 && "types".equals(segments.get(0))
				&& ("restore".equals(segments.get(3)) || "delete".equals(segments.get(3)));
	}

	static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
		}
		return segments;
	}

}
