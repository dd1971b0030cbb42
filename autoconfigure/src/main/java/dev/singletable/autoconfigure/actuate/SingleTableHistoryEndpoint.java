package dev.singletable.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditDiff;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A look at the history of versioned resources, as the web endpoint {@code singletablehistory} (off unless exposed,
 * like every actuator endpoint: {@code management.endpoints.web.exposure.include=singletablehistory}):
 * <ul>
 * <li>{@code GET /actuator/singletablehistory/{type}/{id}} lists the versions (number, timestamps, which is the
 * latest) without reading their content where the layout allows
 * ({@link SingleTableOperations#findVersionSummaries(Class, String)});</li>
 * <li>{@code GET /actuator/singletablehistory/{type}/{id}/diff?from=1&to=3} shows the fields (by stored name) whose
 * values differ between two versions, old and new, as the audit log records changes ({@link AuditDiff}).</li>
 * </ul>
 * The type is named by its prefix or simple class name, among the versioned types of the mapping context. An
 * unknown type, id or version answers 404, a type that keeps no versions or an invalid id 400, each with a
 * {@code message}. Version content is read with the application's own permissions: expose the endpoint only where
 * those who can call it may read the data.
 */
@WebEndpoint(id = "singletablehistory")
public class SingleTableHistoryEndpoint {

	private static final String DIFF = "diff";

	private final SingleTableOperations operations;

	private final JsonMapper jsonMapper;

	/**
	 * Creates the endpoint.
	 * @param operations the operations reading the versions
	 */
	public SingleTableHistoryEndpoint(SingleTableOperations operations) {
		this.operations = operations;
		this.jsonMapper = operations.getConverter().getJsonMapper();
	}

	/**
	 * Lists the versions of one resource, newest first.
	 * @param type the type's prefix or simple class name
	 * @param id the resource id
	 * @return the history, or 404/400 with a message
	 */
	@ReadOperation
	public WebEndpointResponse<Object> history(@Selector String type, @Selector String id) {
		return withType(type, (entity) -> {
			List<VersionSummary> versions = this.operations.findVersionSummaries(entity.getType(), id);
			if (versions.isEmpty()) {
				return notFound("No " + entity.getPrefix() + " with id '" + id + "'");
			}
			return new WebEndpointResponse<>(new History(entity.getPrefix(), id, versions));
		});
	}

	/**
	 * Shows the field-level differences between two versions of one resource.
	 * @param type the type's prefix or simple class name
	 * @param id the resource id
	 * @param view {@code diff}
	 * @param from the older version
	 * @param to the newer version
	 * @return the differences, or 404/400 with a message
	 */
	@ReadOperation
	public WebEndpointResponse<Object> diff(@Selector String type, @Selector String id, @Selector String view,
			long from, long to) {
		if (!DIFF.equals(view)) {
			return notFound("Unknown view '" + view + "'; use .../{type}/{id}/diff?from=1&to=2");
		}
		if (from < 1 || to < 1) {
			return badRequest("Versions start at 1; got from=" + from + ", to=" + to);
		}
		return withType(type, (entity) -> {
			Optional<?> older = this.operations.findVersion(entity.getType(), id, from);
			Optional<?> newer = this.operations.findVersion(entity.getType(), id, to);
			if (older.isEmpty() || newer.isEmpty()) {
				return notFound("No version " + (older.isEmpty() ? from : to) + " of " + entity.getPrefix()
						+ " with id '" + id + "'");
			}
			Map<String, FieldChange> changes = AuditDiff.changedFields(stored(older.get()), stored(newer.get()), Set.of());
			Map<String, Map<String, @Nullable Object>> fields = new LinkedHashMap<>();
			changes.forEach((name, change) -> {
				Map<String, @Nullable Object> values = new LinkedHashMap<>();
				values.put("old", plain(change.oldValue()));
				values.put("new", plain(change.newValue()));
				fields.put(name, values);
			});
			return new WebEndpointResponse<>(new Diff(entity.getPrefix(), id, from, to, fields));
		});
	}

	private WebEndpointResponse<Object> withType(String type, Reader reader) {
		List<String> versioned = new ArrayList<>();
		for (SingleTablePersistentEntity<?> entity : this.operations.getConverter()
			.getMappingContext()
			.getPersistentEntities()) {
			boolean named = entity.getPrefix().equals(type) || entity.getType().getSimpleName().equals(type);
			if (named && !entity.isVersioned()) {
				return badRequest(entity.getPrefix() + " keeps no versions; only versioned types have a history");
			}
			if (named) {
				try {
					return reader.read(entity);
				}
				catch (InvalidDataAccessApiUsageException | IllegalArgumentException ex) {
					return badRequest(ex.getMessage());
				}
			}
			if (entity.isVersioned()) {
				versioned.add(entity.getPrefix());
			}
		}
		return notFound("No versioned type named '" + type + "'; known: " + versioned.stream().sorted().toList());
	}

	/** The JSON of an entity by stored names, without what the layout adds. */
	private JsonNode stored(Object entity) {
		JsonNode tree = this.jsonMapper.valueToTree(entity);
		if (tree instanceof ObjectNode object) {
			// the @UnmappedAttributes property travels under a reserved name that is never stored
			object.properties().removeIf((field) -> field.getKey().startsWith("\u0000"));
		}
		return tree;
	}

	private @Nullable Object plain(JsonNode value) {
		return value.isNull() ? null : this.jsonMapper.treeToValue(value, Object.class);
	}

	private static WebEndpointResponse<Object> notFound(@Nullable String message) {
		return new WebEndpointResponse<>(Map.of("message", String.valueOf(message)), WebEndpointResponse.STATUS_NOT_FOUND);
	}

	private static WebEndpointResponse<Object> badRequest(@Nullable String message) {
		return new WebEndpointResponse<>(Map.of("message", String.valueOf(message)), WebEndpointResponse.STATUS_BAD_REQUEST);
	}

	@FunctionalInterface
	private interface Reader {

		WebEndpointResponse<Object> read(SingleTablePersistentEntity<?> entity);

	}

	/**
	 * The versions of one resource.
	 *
	 * @param type the type's prefix
	 * @param id the resource id
	 * @param versions the versions, newest first
	 */
	public record History(String type, String id, List<VersionSummary> versions) {
	}

	/**
	 * The fields that differ between two versions of one resource.
	 *
	 * @param type the type's prefix
	 * @param id the resource id
	 * @param from the older version
	 * @param to the newer version
	 * @param changes for each differing field (by stored name), its {@code old} and {@code new} value
	 */
	public record Diff(String type, String id, long from, long to, Map<String, Map<String, @Nullable Object>> changes) {
	}

}
