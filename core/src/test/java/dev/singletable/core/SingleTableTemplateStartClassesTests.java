package dev.singletable.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftGuard;
import dev.singletable.test.SingletableFirstClassLoader;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What making and configuring a template, as an application's start does, leaves for its first write: the plans of
 * its writes, deletes and units, the blob stage's send and clean-ups, the exceptions only a failure makes, what the
 * drivers send requests with, the audit rows' ids and codec, the audit log's queries, the transaction manager and
 * the background work of writes. Run with singletable's classes defined by a class loader that records every class
 * its classes ask for, so that what their verification loads is recorded too.
 */
class SingleTableTemplateStartClassesTests {

	@Test
	void aTemplateMadeAndConfiguredLoadsNoneOfWhatItsFirstWriteNeeds() throws Exception {
		Recording recording = new Recording(getClass().getClassLoader());
		Runnable start = (Runnable) recording.loadClass(Start.class.getName()).getDeclaredConstructor().newInstance();

		start.run();

		// the recording sees what the template is made of
		assertThat(recording.asked).contains(SingleTableTemplate.class.getName(),
				"dev.singletable.core.internal.operation.OperationPlans",
				"dev.singletable.core.internal.write.unit.BlobStage", "dev.singletable.core.internal.item.ItemLayout",
				"dev.singletable.core.internal.blob.BlobLocks", "dev.singletable.core.internal.query.CursorCodec");
		assertThat(recording.asked).doesNotContainAnyElementsOf(List.of(
				"dev.singletable.core.internal.write.build.EntityWrites",
				"dev.singletable.core.internal.write.send.UnitSender",
				"dev.singletable.core.internal.write.build.ResourceDeletes",
				"dev.singletable.core.internal.write.build.BulkWrites",
				"dev.singletable.core.internal.operation.EntityOperations",
				"dev.singletable.core.internal.operation.DeleteOperations",
				"dev.singletable.core.internal.operation.UnitOperations",
				"dev.singletable.core.internal.write.item.ChangesApplier",
				"dev.singletable.core.internal.write.unit.BlobSend",
				"dev.singletable.core.internal.write.unit.BlobCleanups", VersionConflictException.class.getName(),
				ItemTooLargeException.class.getName(), IncompleteIndexKeyException.class.getName(),
				"dev.singletable.core.blob.MissingBlobStorageException",
				"dev.singletable.core.schema.IndexDriftException", "dev.singletable.core.query.InvalidCursorException",
				"org.springframework.dao.OptimisticLockingFailureException",
				"org.springframework.dao.DataIntegrityViolationException"));
		// what only its first request, audit row, audit log read or transaction needs
		assertThat(recording.asked).doesNotContainAnyElementsOf(List.of(
				"dev.singletable.internal.plan.Request$Transact",
				"dev.singletable.internal.plan.Request$DynamoDb", "com.github.f4b6a3.ulid.UlidFactory",
				"dev.singletable.core.internal.audit.AuditItems", AuditLogQueries.class.getName(),
				SingleTableTransactionManager.class.getName(),
				"org.springframework.transaction.support.TransactionTemplate", "java.util.concurrent.Semaphore",
				"org.springframework.dao.TransientDataAccessResourceException"));
	}

	/** What an application's start does with a template, run in the recording class loader. */
	public static final class Start implements Runnable {

		@Override
		public void run() {
			SingleTableMappingContext mappingContext = new SingleTableMappingContext();
			mappingContext.setInitialEntitySet(Set.of(Parcel.class));
			mappingContext.initialize();
			DynamoDbClient client = DynamoDbClient.builder()
				.region(Region.US_EAST_1)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.build();
			SingleTableTemplate template = new SingleTableTemplate(client, "parcels",
					new MappingSingleTableConverter(mappingContext));
			// what Spring Boot's auto-configuration sets
			template.setConsistentReads(false);
			template.setTrackCounts(false);
			template.setIndexDriftGuard(new IndexDriftGuard() {

				@Override
				public IndexDrift drift(Class<?> type, String index) {
					return null;
				}

			});
			template.afterPropertiesSet();
			assertThat(template.getClass().getClassLoader()).isSameAs(Start.class.getClassLoader());
			client.close();
		}

	}

	@SingleTableEntity(prefix = "Parcel")
	record Parcel(@Id String id, String label) {
	}

	/**
	 * Defines singletable's classes itself (so that their verification and linking ask it for what they need) and
	 * records every class they ask for, leaving every other class to its parent.
	 */
	static final class Recording extends SingletableFirstClassLoader {

		final Set<String> asked = ConcurrentHashMap.newKeySet();

		Recording(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected void asking(String name) {
			this.asked.add(name);
		}

	}

}
