package dev.singletable.core.mapping.event;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.Ordered;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mapping.context.PersistentEntities;
import org.springframework.util.Assert;

import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * Sets the auditing properties ({@code @CreatedBy}, {@code @LastModifiedBy}, the dates of {@code Auditable} types)
 * through Spring Data's {@link AuditingHandler} before an entity is converted. Registered by
 * {@code @EnableSingleTableAuditing}; ordered at {@value #ORDER}, before callbacks of the default order.
 * <p>
 * An entity that is new is marked created. Any other is marked modified, and also created first when one of its
 * creation properties holds {@literal null} (a {@code createdBy} bound from a request body, or a plain entity with an
 * assigned id that {@code save} upserts): an update keeps the stored creation values anyway (the template reads
 * them back), so a created-by set here only reaches an item that has none.
 */
public class AuditingEntityCallback implements BeforeConvertCallback<Object>, Ordered {

	/** The order of this callback. */
	public static final int ORDER = 100;

	private final ObjectFactory<AuditingHandler> handler;

	private final ObjectFactory<PersistentEntities> entities;

	/**
	 * Creates the callback.
	 * @param handler the auditing handler, resolved at the first write
	 * @param entities the singletable entities (of the template's mapping context), resolved at the first write
	 */
	public AuditingEntityCallback(ObjectFactory<AuditingHandler> handler, ObjectFactory<PersistentEntities> entities) {
		Assert.notNull(handler, "AuditingHandler factory must not be null");
		Assert.notNull(entities, "PersistentEntities factory must not be null");
		this.handler = handler;
		this.entities = entities;
	}

	@Override
	public Object onBeforeConvert(Object entity) {
		AuditingHandler auditing = this.handler.getObject();
		SingleTablePersistentEntity<?> metadata = (SingleTablePersistentEntity<?>) this.entities.getObject()
			.getRequiredPersistentEntity(entity.getClass());
		boolean isNew = metadata.isNew(entity);
		Object audited = entity;
		if (isNew || lacksCreationValue(metadata, entity)) {
			audited = auditing.markCreated(audited);
		}
		// an update is marked modified whatever modifyOnCreate says; its stored creation values win later
		return isNew ? audited : auditing.markModified(audited);
	}

	static boolean lacksCreationValue(SingleTablePersistentEntity<?> metadata, Object entity) {
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		return metadata.getCreationProperties().stream().anyMatch((property) -> accessor.getProperty(property) == null);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
