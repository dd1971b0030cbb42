package dev.singletable.core.internal.operation;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.blob.BlobCodec;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.write.build.AtomicUpdates;
import dev.singletable.core.internal.write.build.BulkWrites;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.ResourceDeletes;
import dev.singletable.core.internal.write.build.WriteSupport;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobReads;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The plans of one table and converter, built once ({@link #of}) and shared by what runs them: the blocking and the
 * reactive template built on one table and converter (the autoconfiguration's pair; a
 * {@code ReactiveSingleTableTemplate} built on a {@code SingleTableTemplate}), and what is built on a template
 * (evolution, events) through its port. Immutable: what differs between the templates sharing it is not in it. Their
 * settings ({@link OperationSettings}) and their blob storage's codec are given to {@link #forTemplate}, which
 * builds the few plans that hold them ({@link OperationPlans}); a template builds those anew when a setting or its
 * storage changes.
 * <p>
 * The rule of what templates sharing one {@code TablePlans} share: its {@link Timestamps} (so {@code setClock} on one
 * sets the clock of both, and their timestamps keep increasing across both APIs), the auditor and metadata provider
 * of the audit rows ({@link AuditRecords}), the drift guard of the writes' item layout and the locks of the blob
 * stage. A template built on its own (any constructor that is given no other template) has a {@code TablePlans} of
 * its own, so setting its clock changes no other template's.
 * @param tableName the table
 * @param converter the converter of the writes (the reads of a template may read through one of its own)
 * @param timestamps the clock and increasing timestamps
 * @param audit the audit rows
 * @param counts the per-type counts, not kept (a template's settings turn them on)
 * @param atomicUpdates the atomic updates of one property
 * @param reads the reads by id through {@code converter}, eventually consistent (see {@link #reads(SingleTableConverter, OperationSettings, OperationPlans)})
 * @param support the pieces of every write, with the blob stage of no storage (its locks shared by every stage)
 * @param blobReads the loads of blob properties
 */
public record TablePlans(String tableName, SingleTableConverter converter, Timestamps timestamps, AuditRecords audit,
		TypeCounts counts, AtomicUpdates atomicUpdates, ResourceReads reads, WriteSupport support,
		BlobReads blobReads) {

	/**
	 * Builds the plans of a table and converter.
	 */
	public static TablePlans of(String tableName, SingleTableConverter converter) {
		Assert.hasText(tableName, "Table name must not be empty");
		Assert.notNull(converter, "SingleTableConverter must not be null");
		Timestamps timestamps = new Timestamps();
		VersionRetention retention = new VersionRetention(tableName);
		return new TablePlans(tableName, converter, timestamps, new AuditRecords(tableName, converter, timestamps),
				new TypeCounts(tableName, converter, timestamps), new AtomicUpdates(tableName, converter, timestamps),
				new ResourceReads(tableName, converter, timestamps, retention, false, null),
				WriteSupport.of(tableName, converter, timestamps, retention,
						new BlobStage(tableName, converter, retention, null)),
				new BlobReads(tableName, converter));
	}

	/**
	 * Returns the reads by id of a template: through its converter, consistent as its settings say, recording what
	 * they read of blob objects where its writes look ({@link OperationPlans#blobs()}).
	 */
	public ResourceReads reads(SingleTableConverter reading, OperationSettings settings, OperationPlans plans) {
		return this.reads.with(reading, settings.consistentReads(), plans.blobs().facts());
	}

	/**
	 * Returns the plans of a template's read transactions, through its converter, recording what they read of blob
	 * objects in its {@link KnownBlobFacts}.
	 */
	public TransactionReader transactionReads(SingleTableConverter reading, KnownBlobFacts facts) {
		return new TransactionReader(this.tableName, reading, facts);
	}

	/**
	 * Builds the plans of a template's operations on these: those that hold its blob storage's codec or its
	 * settings. A write checks, before anything is read or written, its type's audit options and that a type with
	 * blob properties has a storage.
	 * @param codec the codec of the template's blob storage, {@literal null} for none
	 * @param facts what the template knows of blob attributes: its own, made once and kept when its plans are
	 * built anew (its reads and queries record in it too)
	 * @param translate translates a failure no unit interprets (the template's executor's translation)
	 */
	public OperationPlans forTemplate(@Nullable BlobCodec codec, KnownBlobFacts facts, OperationSettings settings,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		return new OperationPlans(this, settings, this.support.blobs().withCodec(codec, facts), translate);
	}

	/**
	 * Builds the plans of a template's writes, deletes and units on its blob stage and settings (at the first a
	 * template's {@link OperationPlans} is asked for).
	 */
	OperationPlans.Operations operations(BlobStage blobs, OperationSettings settings,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		EntityWrites writes = new EntityWrites(this.support.with(blobs, settings.allowDrop()));
		TypeCounts kept = this.counts.withEnabled(settings.trackCounts());
		UnitSender sender = new UnitSender(blobs, kept, this.audit, translate);
		ResourceDeletes deletes = new ResourceDeletes(writes, this.tableName, sender::write, this.audit, kept);
		BulkWrites bulk = new BulkWrites(writes, this.tableName, deletes, this.audit, kept);
		BiConsumer<Class<?>, String> writable = (type, operation) -> {
			this.audit.isAudited(type);
			blobs.checkStorage(this.converter.getRequiredEntity(type));
		};
		EntityOperations entities = new EntityOperations(this.converter, writes, new ChangesApplier(this.converter),
				this.audit, sender::write, writable);
		return new OperationPlans.Operations(writes, sender, bulk, entities,
				new DeleteOperations(this.tableName, this.converter, writes, deletes, bulk, this.audit, entities, writable),
				new UnitOperations(this.converter, writes, this.atomicUpdates));
	}

	/**
	 * Checks every type registered with the converter as a template's start-up does (either API): that an audited
	 * type's {@code include} and {@code exclude} name its properties, and that a type with blob properties has a
	 * storage in the template's plans.
	 * @param plans the template's plans, with its blob storage's codec
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException for an audited type's unknown names
	 * @throws dev.singletable.core.blob.MissingBlobStorageException for a type with blob properties and no storage
	 */
	public void checkEntities(OperationPlans plans) {
		for (SingleTablePersistentEntity<?> entity : this.converter.getMappingContext().getPersistentEntities()) {
			this.audit.audits(entity.getType());
			plans.blobs().checkStorage(entity);
		}
	}

}
