package dev.singletable.core.mapping.event;

import org.reactivestreams.Publisher;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.core.Ordered;
import org.springframework.data.auditing.ReactiveAuditingHandler;
import org.springframework.data.mapping.context.PersistentEntities;
import org.springframework.util.Assert;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;

/**
 * The reactive counterpart of {@link AuditingEntityCallback}: fills {@code @CreatedBy}/{@code @LastModifiedBy}
 * (and the other audit properties Spring Data's auditing knows) of the entities the reactive template writes, with a
 * {@link ReactiveAuditingHandler} whose {@code ReactiveAuditorAware} is asked in the subscriber's context. The same
 * rule as the blocking callback decides what is marked: a new entity, or one that lacks its creation values, is
 * marked created; an update is marked modified. Spring Boot registers one when the application has a
 * {@code ReactiveAuditorAware} or {@code AuditorAware} bean.
 */
public class ReactiveAuditingEntityCallback implements ReactiveBeforeConvertCallback<Object>, Ordered {

	private final ObjectFactory<ReactiveAuditingHandler> handler;

	private final ObjectFactory<PersistentEntities> entities;

	/**
	 * Creates the callback.
	 * @param handler the auditing handler, resolved at the first write
	 * @param entities the singletable entities (of the template's mapping context), resolved at the first write
	 */
	public ReactiveAuditingEntityCallback(ObjectFactory<ReactiveAuditingHandler> handler,
			ObjectFactory<PersistentEntities> entities) {
		Assert.notNull(handler, "ReactiveAuditingHandler factory must not be null");
		Assert.notNull(entities, "PersistentEntities factory must not be null");
		this.handler = handler;
		this.entities = entities;
	}

	@Override
	public Publisher<Object> onBeforeConvert(Object entity) {
		return Mono.defer(() -> {
			ReactiveAuditingHandler auditing = this.handler.getObject();
			SingleTablePersistentEntity<?> metadata = (SingleTablePersistentEntity<?>) this.entities.getObject()
				.getRequiredPersistentEntity(entity.getClass());
			boolean isNew = metadata.isNew(entity);
			Mono<Object> audited = (isNew || AuditingEntityCallback.lacksCreationValue(metadata, entity))
					? auditing.markCreated(entity) : Mono.just(entity);
			// an update is marked modified whatever modifyOnCreate says; its stored creation values win later
			return isNew ? audited : audited.flatMap(auditing::markModified);
		});
	}

	@Override
	public int getOrder() {
		return AuditingEntityCallback.ORDER;
	}

}
