package dev.singletable.core.internal.reactive;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.write.BulkWrites;
import dev.singletable.core.internal.write.ResourceDeletes;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;

/**
 * The reactive template's deletes outside a transaction: the plans of {@link ResourceDeletes} and
 * {@link BulkWrites}, the blocking template's, run on the {@link ReactiveDriver}. What differs is only how the
 * details of an audit row are found without blocking ({@link ReactiveAuditing#details}): decided when the delete is
 * subscribed, before its plan runs, and only for an audited type.
 */
public final class ReactiveResourceDeletes {

	private final ReactiveDriver driver;

	private final ResourceDeletes deletes;

	private final BulkWrites bulk;

	private final ReactiveAuditing auditing;

	ReactiveResourceDeletes(ReactiveDriver driver, ResourceDeletes deletes, BulkWrites bulk,
			ReactiveAuditing auditing) {
		this.driver = driver;
		this.deletes = deletes;
		this.bulk = bulk;
		this.auditing = auditing;
	}

	/**
	 * Deletes a resource by id (see {@link ResourceDeletes#deleteById}).
	 * @param scope the audit scope captured when the operation was called
	 * @return whether anything was stored
	 */
	Mono<Boolean> deleteById(SingleTablePersistentEntity<?> metadata, String id, AuditDetails scope) {
		return run(metadata.getType(), scope, (details) -> this.deletes.deleteById(metadata, id, details));
	}

	/**
	 * Deletes an entity as read (see {@link ResourceDeletes#delete}).
	 * @param existing whether a resource found gone fails the delete
	 * @param scope the audit scope captured when the operation was called
	 */
	Mono<Void> delete(Object entity, boolean existing, AuditDetails scope) {
		return run(entity.getClass(), scope, (details) -> this.deletes.delete(entity, existing, details));
	}

	/**
	 * Deletes one version (see {@link ResourceDeletes#deleteVersion}).
	 * @param scope the audit scope captured when the operation was called
	 * @return whether the version was stored
	 */
	Mono<Boolean> deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version, AuditDetails scope) {
		return run(metadata.getType(), scope, (details) -> this.deletes.deleteVersion(metadata, id, version, details));
	}

	/**
	 * Deletes plain resources by id, each once, outside a transaction (see {@link BulkWrites#deleteAllById}).
	 * @param scope the audit scope captured when the operation was called
	 */
	Mono<Void> deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids, AuditDetails scope) {
		return run(metadata.getType(), scope, (details) -> this.bulk.deleteAllById(metadata, ids, details));
	}

	/**
	 * Runs a delete's plan, with the details of its audit rows decided first when the type is audited.
	 */
	private <R> Mono<R> run(Class<?> type, AuditDetails scope,
			Function<Supplier<AuditRecords.Details>, Step<R>> plan) {
		return Mono.defer(() -> {
			if (!this.deletes.isAudited(type)) {
				return this.driver.run(plan.apply(() -> {
					throw new IllegalStateException(type.getSimpleName() + " is not audited");
				}));
			}
			return this.auditing.details(scope).flatMap((details) -> this.driver.run(plan.apply(() -> details)));
		});
	}

}
