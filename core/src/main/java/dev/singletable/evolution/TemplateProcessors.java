package dev.singletable.evolution;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.TransformedResource;

/**
 * The backfill work that goes through the template's own write path, so that it does what an application's write
 * does (new versions with retention, blob objects, audit rows when asked for, per-type counts, callbacks): new
 * versions of a transform, and deletes. The entity is read from the item the run read, whose version (or
 * modification time) the template's optimistic condition then checks; a conflict has the run read it again.
 */
final class TemplateProcessors {

	private TemplateProcessors() {
	}

	/**
	 * Saves the transformed resource as a new version (a new modification time for a plain type).
	 */
	static <T> ItemProcessor newVersions(SingleTableTemplate template, Class<T> type, UnaryOperator<T> transform,
			boolean audited) {
		SingleTablePersistentEntity<?> metadata = template.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(type);
		return (item, requests) -> {
			T entity = template.getConverter().read(type, item);
			T changed = transform.apply(entity);
			if (changed == null || changed.equals(entity)) {
				return Outcome.UNCHANGED;
			}
			TransformedResource.checkIdentity(metadata, item, entity, changed);
			return write(() -> template.update(changed), audited);
		};
	}

	/**
	 * Deletes the resource: latest item, history, blob objects.
	 */
	static ItemProcessor deletes(SingleTableTemplate template, Class<?> type, boolean audited) {
		return (item, requests) -> {
			Object entity = template.getConverter().read(type, item);
			return write(() -> {
				template.delete(entity);
				return entity;
			}, audited);
		};
	}

	private static Outcome write(Supplier<Object> write, boolean audited) {
		try {
			if (audited) {
				write.get();
			}
			else {
				AuditScope.callUnaudited(write);
			}
			return Outcome.WRITTEN;
		}
		catch (VersionConflictException ex) {
			throw new ItemProcessor.StaleItemException(ex);
		}
		catch (NoSuchResourceException ex) {
			return Outcome.SKIPPED;
		}
	}

}
