package dev.singletable.core.reactive;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the reactive template does with types that have blob properties beyond {@code TemplateBehaviourSuite}'s
 * cases: a write whose items fail after its objects were uploaded leaves nothing half-written, as the blocking
 * template's (forced with a {@link FaultInjector} in front of DynamoDB Local, on both APIs); without storage,
 * writes and loads fail before any request, and so does the template's check once configured.
 */
class ReactiveTemplateBlobsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private static DynamoDbAsyncClient client;

	private ReactiveSingleTableTemplate template;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
				requests.add(context.request().getClass().getSimpleName());
			}

		});
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		this.template = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		this.template.setBlobStorage(new ReactiveBlobStorage(TemplateOps.AsyncS3.CLIENT, s3.bucket(), "",
				this.template.getConverter().getJsonMapper()));
		requests.clear();
	}

	@Test
	void writesOfTypesWithBlobPropertiesWithoutStorageAreRefusedBeforeAnyRequest() {
		ReactiveSingleTableTemplate withoutStorage = new ReactiveSingleTableTemplate(client, dynamo.tableName());

		assertThatExceptionOfType(MissingBlobStorageException.class)
			.isThrownBy(() -> withoutStorage
				.create(new TemplateBehaviourSuite.Sheet("s2", null, "t", Map.of("a", 2), null))
				.block())
			.withMessageContaining("Sheet");
		assertThatExceptionOfType(MissingBlobStorageException.class)
			.isThrownBy(() -> withoutStorage.deleteById(TemplateBehaviourSuite.Sheet.class, "s2").block());
		assertThat(requests).isEmpty();
		assertThat(s3.keys()).isEmpty();
	}

	@Test
	void aTypeWithBlobsRegisteredAndNoStorageFailsTheTemplatesStartUpCheckAsTheBlockingOne() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.getRequiredPersistentEntity(TemplateBehaviourSuite.Sheet.class);
		ReactiveSingleTableTemplate withoutStorage = new ReactiveSingleTableTemplate(client, dynamo.tableName(),
				new MappingSingleTableConverter(context));

		assertThatExceptionOfType(MissingBlobStorageException.class).isThrownBy(withoutStorage::afterPropertiesSet)
			.withMessageContaining(TemplateBehaviourSuite.Sheet.class.getName());
		withoutStorage.setBlobStorage(new ReactiveBlobStorage(TemplateOps.AsyncS3.CLIENT, s3.bucket(), "",
				withoutStorage.getConverter().getJsonMapper()));
		withoutStorage.afterPropertiesSet();
		assertThat(requests).isEmpty();
	}

	@Test
	void aFailureBetweenTheUploadsAndTheCommitLeavesNothingHalfWrittenOnEitherApi() {
		FaultInjector faults = new FaultInjector();
		DynamoDbAsyncClient failing = DynamoDbLocal.newAsyncClient(faults);
		List<String> uploads = new CopyOnWriteArrayList<>();
		S3AsyncClient counted = S3Local.newAsyncClient(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof PutObjectRequest put) {
					uploads.add(put.key());
				}
			}

		});
		try {
			ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(failing, dynamo.tableName());
			reactive.setBlobStorage(new ReactiveBlobStorage(counted, s3.bucket(), "",
					reactive.getConverter().getJsonMapper()));
			SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			blocking.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "", blocking.getConverter().getJsonMapper()));
			failsCleanly(TemplateOps.reactive(reactive), faults, "r");
			// the objects were uploaded before the items failed, and deleted or put back after
			assertThat(uploads).containsExactly("Sheet/sheet-r/v1/body", "Sheet/sheet-r/v1/raw", "Avatar/avatar-r/image",
					"Avatar/avatar-r/image");
			failsCleanly(TemplateOps.blocking(blocking), dynamo.faults(), "b");
		}
		finally {
			failing.close();
			counted.close();
		}
	}

	/**
	 * A versioned create whose {@code TransactWriteItems} and a plain update whose {@code PutItem} fail after their
	 * objects were uploaded: no object of the create is left, the object the update wrote over is put back, no copy
	 * is left, and the items are as before.
	 */
	private void failsCleanly(TemplateOps ops, FaultInjector faults, String id) {
		faults.failNext("TransactWriteItems", 10, FaultInjector::serverError);
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> ops
			.create(new TemplateBehaviourSuite.Sheet("sheet-" + id, null, "t", Map.of("a", 1), new byte[] { 1 })));
		assertThat(dynamo.sortKeys("Sheet#sheet-" + id)).isEmpty();
		assertThat(s3.keys()).noneMatch((key) -> key.startsWith("Sheet/sheet-" + id + "/"));

		TemplateBehaviourSuite.Avatar avatar = ops
			.create(new TemplateBehaviourSuite.Avatar("avatar-" + id, null, new byte[] { 1 }, null));
		faults.failNext("PutItem", 10, FaultInjector::serverError);
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> ops
			.update(new TemplateBehaviourSuite.Avatar("avatar-" + id, avatar.version(), new byte[] { 2 }, null)));
		assertThat(s3.keys()).filteredOn((key) -> key.startsWith("Avatar/avatar-" + id + "/"))
			.containsExactly("Avatar/avatar-" + id + "/image");
		TemplateBehaviourSuite.Avatar stored = ops.getById(TemplateBehaviourSuite.Avatar.class, "avatar-" + id);
		assertThat(stored.version()).isEqualTo(avatar.version());
		assertThat(ops.loadBlobs(stored).image()).containsExactly(1);
	}

	@Test
	void aReactiveWriteWaitsForTheBlobLockABlockingWriterHolds() throws Exception {
		DynamoDbExecutor blocking = new DynamoDbExecutor(dynamo.client(), dynamo.tableName());
		BlobLocks blockingLocks = new BlobLocks(dynamo.tableName());
		BlockingDriver blockingDriver = new BlockingDriver(blocking);
		List<BlobLocks.Lease> held = blockingDriver.run(blockingLocks.acquire(List.of(new BlobLocks.Resource(
				this.template.getConverter().getRequiredEntity(TemplateBehaviourSuite.Sheet.class), "locked"))));
		CompletableFuture<TemplateBehaviourSuite.Sheet> write = this.template
			.create(new TemplateBehaviourSuite.Sheet("locked", null, "t", Map.of("a", 1), null))
			.toFuture();
		try {
			// the writer keeps asking for the lock: nothing is uploaded or written while the other writer holds it
			Thread.sleep(500);
			assertThat(write).isNotDone();
			assertThat(requests).contains("UpdateItemRequest").doesNotContain("TransactWriteItemsRequest");
			assertThat(s3.keys()).isEmpty();
		}
		finally {
			blockingDriver.run(blockingLocks.release(held));
		}
		assertThat(write.get(20, TimeUnit.SECONDS).version()).isEqualTo(1);
		assertThat(s3.keys()).containsExactly("Sheet/locked/v1/body");
		assertThat(dynamo.sortKeys("Sheet#locked")).containsExactly("v0", "v1");
	}

	@Test
	void settingTheStorageKeepsWhatWasConfiguredBeforeAndTransactionsWriteThroughTheStorageSetLast() {
		ReactiveSingleTableTemplate configured = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		configured.setClock(Clock.fixed(Instant.parse("2020-01-02T03:04:05Z"), ZoneOffset.UTC));
		configured.setTrackCounts(true);
		configured.setBlobStorage(new ReactiveBlobStorage(TemplateOps.AsyncS3.CLIENT, s3.bucket(), "first",
				configured.getConverter().getJsonMapper()));
		ReactiveBlobStorage last = new ReactiveBlobStorage(TemplateOps.AsyncS3.CLIENT, s3.bucket(), "last",
				configured.getConverter().getJsonMapper());
		configured.setBlobStorage(last);
		assertThat(configured.getBlobStorage()).isSameAs(last);

		configured.transaction((tx) -> tx.create(new TemplateBehaviourSuite.Sheet("in-tx", null, "t", Map.of("a", 1),
				null))).block();
		assertThat(s3.keys()).containsExactly("last/Sheet/in-tx/v1/body");
		// the type index's sort key is the write's time: the template's clock
		assertThat(dynamo.storedItem("Sheet#in-tx", "v0").get(ItemAttributes.GSI_TYPE_SK).s())
			.startsWith("2020-01-02T03:04:05");
		assertThat(configured.countsByType().block()).containsEntry("Sheet", 1L);
		TemplateBehaviourSuite.Sheet loaded = configured
			.loadBlobs(configured.getById(TemplateBehaviourSuite.Sheet.class, "in-tx").block())
			.block();
		assertThat(loaded.body()).containsEntry("a", 1);

		configured.setBlobStorage(null);
		assertThatExceptionOfType(MissingBlobStorageException.class)
			.isThrownBy(() -> configured.loadBlobs(loaded).block());
	}

	@Test
	void loadingWithoutStorageOrOfAPropertyThatIsNoBlobFailsBeforeAnyRequest() {
		TemplateBehaviourSuite.Sheet sheet = new TemplateBehaviourSuite.Sheet("s3", 1L, "t", null, null);
		ReactiveSingleTableTemplate withoutStorage = new ReactiveSingleTableTemplate(client, dynamo.tableName());

		assertThatExceptionOfType(MissingBlobStorageException.class)
			.isThrownBy(() -> withoutStorage.loadBlobs(sheet).block())
			.withMessageContaining("Sheet");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.loadBlob(sheet, "title").block())
			.withMessageContaining("[body, raw]");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.loadBlobs(new TemplateBehaviourSuite.Sheet("s3", null, "t", null, null))
				.block())
			.withMessageContaining("has no version");
		assertThat(requests).isEmpty();
	}

}
