package dev.singletable.core.internal.item;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stamping of entities, in one place: ids, versions and timestamps set through an
 * {@link InstantiationAwarePropertyAccessor} (records are re-instantiated), the values they are read back as, and
 * the {@link Snapshot} that puts them back on a mutable entity whose write failed.
 */
public final class Stamps {

	private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

	private Stamps() {
	}

	public static <T> PersistentPropertyAccessor<T> accessor(SingleTablePersistentEntity<T> metadata, T entity) {
		return new InstantiationAwarePropertyAccessor<>(entity, metadata::getPropertyAccessor, INSTANTIATORS);
	}

	/**
	 * Takes the stamps a write may set on an entity (id, version, creation and modification times), before the
	 * write, so that a failed write can {@link Snapshot#restore() put them back}: a mutable entity (a bean with
	 * setters) is stamped in place, and a failed write leaves it as it was. A record or any immutable entity is
	 * never changed in place, so it has nothing to restore.
	 * @param entity the entity given to the write; anything the converter does not map gives a snapshot that
	 * restores nothing (the write itself then refuses it)
	 */
	public static Snapshot snapshot(SingleTableConverter converter, @Nullable Object entity) {
		if (entity == null) {
			return Snapshot.NONE;
		}
		SingleTablePersistentEntity<?> metadata;
		try {
			metadata = converter.getRequiredEntity(entity.getClass());
		}
		catch (RuntimeException ex) {
			return Snapshot.NONE;
		}
		SingleTablePersistentProperty[] stamps = { metadata.getRequiredIdProperty(), metadata.getVersionProperty(),
				metadata.getCreatedDateProperty(), metadata.getLastModifiedDateProperty() };
		if (!stampedInPlace(stamps)) {
			// a write gives such an entity's stamps to a new instance (a wither, a constructor): nothing to put back
			return Snapshot.NONE;
		}
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		List<SingleTablePersistentProperty> properties = new ArrayList<>(4);
		List<@Nullable Object> values = new ArrayList<>(4);
		for (SingleTablePersistentProperty property : stamps) {
			if (property != null && !properties.contains(property)) {
				properties.add(property);
				values.add(accessor.getProperty(property));
			}
		}
		return new Snapshot(accessor, properties, values);
	}

	private static boolean stampedInPlace(@Nullable SingleTablePersistentProperty[] stamps) {
		for (SingleTablePersistentProperty property : stamps) {
			if (property != null && !property.isImmutable()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The stamps of an entity before a write (see {@link Stamps#snapshot}).
	 */
	public static final class Snapshot {

		/** A snapshot that restores nothing. */
		public static final Snapshot NONE = new Snapshot(null, List.of(), List.of());

		private final @Nullable PersistentPropertyAccessor<?> accessor;

		private final List<SingleTablePersistentProperty> properties;

		private final List<@Nullable Object> values;

		private Snapshot(@Nullable PersistentPropertyAccessor<?> accessor, List<SingleTablePersistentProperty> properties,
				List<@Nullable Object> values) {
			this.accessor = accessor;
			this.properties = properties;
			this.values = values;
		}

		/**
		 * Puts back each stamp the entity no longer carries as it did before the write; sets nothing on an entity
		 * the write did not change (a record, an immutable type).
		 */
		public void restore() {
			for (int i = 0; i < this.properties.size(); i++) {
				SingleTablePersistentProperty property = this.properties.get(i);
				Object before = this.values.get(i);
				if (!Objects.equals(this.accessor.getProperty(property), before)) {
					this.accessor.setProperty(property, before);
				}
			}
		}

	}

	/**
	 * Sets the id the entity carries (checked) or a new one, and returns it.
	 */
	public static String assignId(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		Object given = accessor.getProperty(metadata.getRequiredIdProperty());
		String id = (given != null) ? ResourceIds.check(metadata.getType(), given)
				: metadata.isSingleton() ? metadata.getPrefix() : ResourceIds.generate();
		accessor.setProperty(metadata.getRequiredIdProperty(), id);
		return id;
	}

	/**
	 * Returns the checked id of an entity that was stored before.
	 * @throws IllegalArgumentException when it has none
	 */
	public static String requireId(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		Object id = accessor.getProperty(metadata.getRequiredIdProperty());
		if (id == null && metadata.isSingleton()) {
			id = metadata.getPrefix();
		}
		if (id == null) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName()
					+ " has no id: it was never stored; use create (or save) for a new resource");
		}
		return ResourceIds.check(metadata.getType(), id);
	}

	/**
	 * Returns the checked id of an entity that was stored before, as {@link #requireId} does, and sets it on the
	 * entity when it carries none: a singleton's id is its prefix whatever the entity carries, so an update of
	 * {@code new Settings(null, ...)} stores (and reads back) the prefix as id.
	 */
	public static String settleId(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		String id = requireId(metadata, accessor);
		if (accessor.getProperty(metadata.getRequiredIdProperty()) == null) {
			accessor.setProperty(metadata.getRequiredIdProperty(), id);
		}
		return id;
	}

	/**
	 * Returns a singleton read from the store with its id (the prefix) set, also when the stored item has none (a
	 * singleton an earlier version wrote through an update of an entity without id).
	 */
	public static <T> T withSingletonId(SingleTablePersistentEntity<T> metadata, T entity) {
		PersistentPropertyAccessor<T> accessor = accessor(metadata, entity);
		if (accessor.getProperty(metadata.getRequiredIdProperty()) != null) {
			return entity;
		}
		accessor.setProperty(metadata.getRequiredIdProperty(), metadata.getPrefix());
		return accessor.getBean();
	}

	/**
	 * Returns the version the entity carries, 0 when it has none (or no version property).
	 */
	public static long version(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		SingleTablePersistentProperty property = metadata.getVersionProperty();
		Object value = (property != null) ? accessor.getProperty(property) : null;
		return (value != null) ? ((Number) value).longValue() : 0;
	}

	public static void setVersion(PersistentPropertyAccessor<?> accessor, @Nullable SingleTablePersistentProperty property,
			long version) {
		if (property == null) {
			return;
		}
		Class<?> type = property.getType();
		Object value = Long.valueOf(version);
		if (type == Integer.class || type == int.class) {
			value = Integer.valueOf(Math.toIntExact(version));
		}
		accessor.setProperty(property, value);
	}

	public static void setTimestamp(PersistentPropertyAccessor<?> accessor, @Nullable SingleTablePersistentProperty property,
			Instant value) {
		if (property != null) {
			accessor.setProperty(property,
					(property.getType() == OffsetDateTime.class) ? value.atOffset(ZoneOffset.UTC) : value);
		}
	}

	/**
	 * Returns the creation time the entity carries, and sets {@code now} as its creation time when it carries none.
	 */
	public static Instant setCreatedIfAbsent(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor,
			Instant now) {
		SingleTablePersistentProperty property = metadata.getCreatedDateProperty();
		if (property == null) {
			return now;
		}
		Object given = accessor.getProperty(property);
		if (given != null) {
			return toInstant(given);
		}
		setTimestamp(accessor, property, now);
		return now;
	}

	public static @Nullable Instant createdAt(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		return property(accessor, metadata.getCreatedDateProperty());
	}

	public static @Nullable Instant modifiedAt(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		return property(accessor, metadata.getLastModifiedDateProperty());
	}

	private static @Nullable Instant property(PersistentPropertyAccessor<?> accessor,
			@Nullable SingleTablePersistentProperty property) {
		return (property != null) ? toInstant(accessor.getProperty(property)) : null;
	}

	public static @Nullable Instant toInstant(@Nullable Object value) {
		if (value instanceof OffsetDateTime dateTime) {
			return dateTime.toInstant();
		}
		return (Instant) value;
	}

	/**
	 * Returns the version of a stored versioned item: its {@code version} attribute, else the one its sort key names.
	 */
	public static long storedVersion(Map<String, AttributeValue> item) {
		AttributeValue version = item.get(ItemAttributes.VERSION);
		if (version != null && version.n() != null) {
			return Long.parseLong(version.n());
		}
		return Long.parseLong(item.get(ItemAttributes.SK).s().substring(1));
	}

}
