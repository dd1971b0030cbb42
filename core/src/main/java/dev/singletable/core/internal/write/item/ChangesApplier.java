package dev.singletable.core.internal.write.item;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.Changes;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Applies {@link Changes} to an entity through the storage JSON mapper: the entity as a tree, the changed
 * properties set under their stored names, read back as the entity type — refusing, before anything is written,
 * changes of unknown or system properties and values of the wrong type.
 */
public final class ChangesApplier {

	private final SingleTableConverter converter;

	/** Built on first use: most applications never apply changes, and a mapper costs start-up time to build. */
	private volatile @org.jspecify.annotations.Nullable JsonMapper changesMapper;

	public ChangesApplier(SingleTableConverter converter) {
		this.converter = converter;
	}

	/**
	 * The storage mapper as a changed entity is read with: without the scalar coercions that would let a change of
	 * the wrong type pass as another value ({@code 3.7} cut to the {@code int} 3, {@code 42} or {@code true} turned
	 * into a String, {@code 1} into {@code true}, a number into a date), so that such a change is refused and
	 * nothing is written.
	 */
	private JsonMapper changesMapper() {
		JsonMapper mapper = this.changesMapper;
		if (mapper == null) {
			// two threads may both build one: they are equal, and either can be kept
			mapper = strict(this.converter.getJsonMapper());
			this.changesMapper = mapper;
		}
		return mapper;
	}

	private static JsonMapper strict(JsonMapper mapper) {
		return mapper.rebuild()
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Boolean, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail))
			.withCoercionConfig(LogicalType.DateTime, (config) -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
			.build();
	}

	/**
	 * Returns the entity with the changes applied (the entity itself when there are none).
	 * @throws IllegalArgumentException naming the property when a change cannot be applied
	 */
	@SuppressWarnings("unchecked")
	public <T> T apply(T entity, Changes changes) {
		SingleTablePersistentEntity<T> metadata = (SingleTablePersistentEntity<T>) this.converter
			.getRequiredEntity(entity.getClass());
		if (changes.isEmpty()) {
			return entity;
		}
		return OnTree.apply(this, metadata, entity, changes);
	}

	private String storedNameForChange(SingleTablePersistentEntity<?> metadata, String name) {
		SingleTablePersistentProperty property = metadata.getPersistentProperty(name);
		if (property == null) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " has no property '" + name
					+ "'; use the Java property name");
		}
		if (property.isIdProperty() || property.isVersionProperty() || property.isCreatedDateProperty()
				|| property.isLastModifiedDateProperty()) {
			throw new IllegalArgumentException("'" + name + "' of " + metadata.getType().getSimpleName()
					+ " is a system property; the template sets it");
		}
		return this.converter.getStoredName(property);
	}

	/**
	 * The entity as a tree, the changes set in it, read back: apart, so that the JSON node and exception classes it
	 * names are loaded when changes are first applied, not when the template is made.
	 */
	private static final class OnTree {

		private OnTree() {
		}

		static <T> T apply(ChangesApplier applier, SingleTablePersistentEntity<T> metadata, T entity,
				Changes changes) {
			ObjectNode tree = applier.converter.getJsonMapper().valueToTree(entity);
			Map<String, String> changedByStoredName = new HashMap<>();
			changes.values().forEach((name, value) -> {
				String stored = applier.storedNameForChange(metadata, name);
				changedByStoredName.put(stored, name);
				if (value == null) {
					tree.putNull(stored);
				}
				else {
					try {
						tree.set(stored, applier.converter.getJsonMapper().valueToTree(value));
					}
					catch (JacksonException ex) {
						throw invalidChange(metadata, name, value, ex);
					}
				}
			});
			for (String name : changes.cleared()) {
				tree.putNull(applier.storedNameForChange(metadata, name));
			}
			try {
				return applier.changesMapper().treeToValue((JsonNode) tree, metadata.getType());
			}
			catch (JacksonException ex) {
				String name = ex.getPath().isEmpty() ? null
						: changedByStoredName.get(ex.getPath().get(0).getPropertyName());
				if (name == null) {
					throw new IllegalArgumentException("Cannot apply " + changes + " to "
							+ metadata.getType().getSimpleName() + ": " + ex.getOriginalMessage(), ex);
				}
				throw invalidChange(metadata, name, changes.values().get(name), ex);
			}
		}

		private static IllegalArgumentException invalidChange(SingleTablePersistentEntity<?> metadata, String name,
				@Nullable Object value, JacksonException ex) {
			SingleTablePersistentProperty property = metadata.getRequiredPersistentProperty(name);
			return new IllegalArgumentException("Cannot set '" + name + "' of " + metadata.getType().getSimpleName()
					+ " to a " + ((value != null) ? value.getClass().getName() : null) + ": pass a value of its type "
					+ property.getTypeInformation() + " (" + ex.getOriginalMessage() + "); nothing was written", ex);
		}

	}

}
