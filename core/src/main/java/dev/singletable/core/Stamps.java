package dev.singletable.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.model.EntityInstantiators;
import org.springframework.data.mapping.model.InstantiationAwarePropertyAccessor;

import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stamping of entities, in one place: ids, versions and timestamps set through an
 * {@link InstantiationAwarePropertyAccessor} (records are re-instantiated), and the values they are read back as.
 */
final class Stamps {

	private static final EntityInstantiators INSTANTIATORS = new EntityInstantiators();

	private Stamps() {
	}

	static <T> PersistentPropertyAccessor<T> accessor(SingleTablePersistentEntity<T> metadata, T entity) {
		return new InstantiationAwarePropertyAccessor<>(entity, metadata::getPropertyAccessor, INSTANTIATORS);
	}

	/**
	 * Sets the id the entity carries (checked) or a new one, and returns it.
	 */
	static String assignId(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
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
	static String requireId(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
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
	 * Returns the version the entity carries, 0 when it has none (or no version property).
	 */
	static long version(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		SingleTablePersistentProperty property = metadata.getVersionProperty();
		Object value = (property != null) ? accessor.getProperty(property) : null;
		return (value != null) ? ((Number) value).longValue() : 0;
	}

	static void setVersion(PersistentPropertyAccessor<?> accessor, @Nullable SingleTablePersistentProperty property,
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

	static void setTimestamp(PersistentPropertyAccessor<?> accessor, @Nullable SingleTablePersistentProperty property,
			Instant value) {
		if (property != null) {
			accessor.setProperty(property,
					(property.getType() == OffsetDateTime.class) ? value.atOffset(ZoneOffset.UTC) : value);
		}
	}

	/**
	 * Returns the creation time the entity carries, and sets {@code now} as its creation time when it carries none.
	 */
	static Instant setCreatedIfAbsent(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor,
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

	static @Nullable Instant createdAt(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		return property(accessor, metadata.getCreatedDateProperty());
	}

	static @Nullable Instant modifiedAt(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor) {
		return property(accessor, metadata.getLastModifiedDateProperty());
	}

	private static @Nullable Instant property(PersistentPropertyAccessor<?> accessor,
			@Nullable SingleTablePersistentProperty property) {
		return (property != null) ? toInstant(accessor.getProperty(property)) : null;
	}

	static @Nullable Instant toInstant(@Nullable Object value) {
		if (value instanceof OffsetDateTime dateTime) {
			return dateTime.toInstant();
		}
		return (Instant) value;
	}

	/**
	 * Returns the version of a stored versioned item: its {@code version} attribute, else the one its sort key names.
	 */
	static long storedVersion(Map<String, AttributeValue> item) {
		AttributeValue version = item.get(ItemAttributes.VERSION);
		if (version != null && version.n() != null) {
			return Long.parseLong(version.n());
		}
		return Long.parseLong(item.get(ItemAttributes.SK).s().substring(1));
	}

}
