package dev.singletable.core.reactive;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the reactive template does with types that have blob properties: it reads them and loads their values
 * ({@code TemplateBehaviourSuite} shows the values are those of both APIs), and refuses their writes — before any
 * request, so nothing is half-written in DynamoDB or S3 — naming the blocking template as the one that writes them.
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
