package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests a versioned update of a type with a blob property sends, counted by interceptors in front of DynamoDB
 * Local and the in-process S3, on both APIs (issue 33): an unchanged attachment costs the read of the version the
 * write follows (one {@code BatchGetItem}) and the {@code TransactWriteItems}, with no S3 request and no lock; a
 * changed one adds its {@code PutObject}; after the answer (issue 52) the version leaving the window is pruned — the
 * probe of the one below it ({@code GetItem}, when there is one) before its {@code DeleteItem}, which returns the
 * pruned item: that version is never read before the answer — and the objects that pruned versions used are deleted,
 * with one {@code Query} and one {@code DeleteObjects}, never a listing of the bucket.
 */
class VersionedBlobWriteRequestsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private final RequestCounter dynamoRequests = new RequestCounter();

	private final RequestCounter s3Requests = new RequestCounter();

	private final DynamoDbClient client = DynamoDbLocal.newClient(this.dynamoRequests);

	private final DynamoDbAsyncClient asyncClient = DynamoDbLocal.newAsyncClient(this.dynamoRequests);

	private final S3Client s3Client = S3Local.newClient(this.s3Requests);

	private final S3AsyncClient s3AsyncClient = S3Local.newAsyncClient(this.s3Requests);

	@AfterEach
	void closeClients() {
		BackgroundCleanups.await();
		this.client.close();
		this.asyncClient.close();
		this.s3Client.close();
		this.s3AsyncClient.close();
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anUnchangedAttachmentCostsTwoRequestsAndAChangedOneThreeWithTheCleanUpAfterTheAnswer(Api api) {
		Writer writer = writer(api);
		Article article = writer.create(new Article(null, null, "one", attachment("A")));
		String id = article.id();
		// every version refers to v1's object
		article = writer.update(article.with("two", attachment("A")));
		article = writer.update(article.with("three", attachment("A")));
		BackgroundCleanups.await();
		reset();

		// prunes v1 after the answer (no version below it to probe), whose only object v4 uses too: nothing to
		// clean up
		article = writer.update(article.with("four", attachment("A")));
		BackgroundCleanups.await();
		assertThat(this.dynamoRequests.operations()).containsExactly("BatchGetItem", "TransactWriteItems", "DeleteItem");
		assertThat(this.s3Requests.operations()).isEmpty();
		assertThat(dynamo.storedItem("Article#" + id, "v4")).containsKey(BlobAttributes.DIGESTS);
		reset();

		// prunes v2: v1's object stays for v3 and v4
		article = writer.update(article.with("five", attachment("B")));
		BackgroundCleanups.await();
		assertThat(this.dynamoRequests.operations())
			.containsExactly("BatchGetItem", "TransactWriteItems", "GetItem", "DeleteItem", "Query");
		assertThat(this.s3Requests.operations()).containsExactly("PutObject");
		article = writer.update(article.with("six", attachment("C")));
		BackgroundCleanups.await();
		reset();

		// prunes v4, the last version that used v1's object
		article = writer.update(article.with("seven", attachment("D")));
		BackgroundCleanups.await();
		assertThat(this.dynamoRequests.operations())
			.containsExactly("BatchGetItem", "TransactWriteItems", "GetItem", "DeleteItem", "Query");
		assertThat(this.s3Requests.operations()).containsExactly("PutObject", "DeleteObjects");
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 5), key(id, 6), key(id, 7));
		reset();

		// unchanged again: refers to v7's object; v5's goes
		Article eighth = writer.update(article.with("eight", attachment("D")));
		BackgroundCleanups.await();
		assertThat(this.dynamoRequests.operations())
			.containsExactly("BatchGetItem", "TransactWriteItems", "GetItem", "DeleteItem", "Query");
		assertThat(this.s3Requests.operations()).containsExactly("DeleteObjects");
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 6), key(id, 7));
		assertThat(new String(writer.load(eighth).attachment(), StandardCharsets.UTF_8)).isEqualTo(text("D"));
		assertThat(new String(writer.load(writer.version(id, 6)).attachment(), StandardCharsets.UTF_8))
			.isEqualTo(text("C"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void thePrunedVersionIsReadByItsDeleteAfterTheAnswerAndNeverBefore(Api api) {
		Writer writer = writer(api);
		Article article = writer.create(new Article(null, null, "one", attachment("A")));
		String id = article.id();
		article = writer.update(article.with("two", attachment("B")));
		article = writer.update(article.with("three", attachment("C")));
		BackgroundCleanups.await();
		reset();

		// v4 follows v3 and prunes v1, whose object no remaining version uses
		Article fourth = writer.update(article.with("four", attachment("D")));
		BackgroundCleanups.await();

		List<String> operations = this.dynamoRequests.operations();
		// the answer follows the transaction: what comes before it in the order sent is all the caller waited for
		assertThat(operations.subList(0, operations.indexOf("TransactWriteItems")))
			.as("before the answer").containsExactly("BatchGetItem");
		// the version followed, and v0 for the creation time (Article carries none): not v1, which it prunes
		assertThat(this.dynamoRequests.sent(BatchGetItemRequest.class)).singleElement()
			.satisfies((read) -> assertThat(read.requestItems().get(dynamo.tableName()).keys())
				.extracting((key) -> key.get("sk").s())
				.containsExactlyInAnyOrder("v0", "v3"));
		// v1 is named by its delete alone, after the answer, which returns it for the clean-up
		assertThat(this.dynamoRequests.sent(DeleteItemRequest.class)).singleElement().satisfies((delete) -> {
			assertThat(delete.key().get("sk").s()).isEqualTo("v1");
			assertThat(delete.returnValues()).isEqualTo(ReturnValue.ALL_OLD);
		});
		assertThat(this.s3Requests.operations()).containsExactly("PutObject", "DeleteObjects");
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 2), key(id, 3), key(id, 4));
		assertThat(new String(writer.load(fourth).attachment(), StandardCharsets.UTF_8)).isEqualTo(text("D"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anItemWithoutDigestsIsComparedWithTheObjectItself(Api api) {
		Writer writer = writer(api);
		Article article = writer.create(new Article(null, null, "one", attachment("A")));
		// as the Python library writes it: no digests
		dynamo.rawClient()
			.updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Article#" + article.id()), "sk", AttributeValue.fromS("v1")))
				.updateExpression("REMOVE #digests")
				.expressionAttributeNames(Map.of("#digests", BlobAttributes.DIGESTS)));
		reset();

		Article second = writer.update(article.with("two", attachment("A")));

		assertThat(this.s3Requests.operations()).containsExactly("HeadObject");
		assertThat(s3.keys()).containsExactly(key(article.id(), 1));
		assertThat(new String(writer.load(second).attachment(), StandardCharsets.UTF_8)).isEqualTo(text("A"));
	}

	private void reset() {
		this.dynamoRequests.reset();
		this.s3Requests.reset();
	}

	private static String key(String id, long version) {
		return "Article/" + id + "/v" + version + "/attachment";
	}

	private static String text(String letter) {
		return letter.repeat(20_000);
	}

	/** A new array each time, as an application building the entity again would pass. */
	private static byte[] attachment(String letter) {
		return text(letter).getBytes(StandardCharsets.UTF_8);
	}

	private Writer writer(Api api) {
		if (api == Api.BLOCKING) {
			SingleTableTemplate template = new SingleTableTemplate(this.client, dynamo.tableName());
			template.setBlobStorage(
					new BlobStorage(this.s3Client, s3.bucket(), "", template.getConverter().getJsonMapper()));
			return new Writer(template::create, template::update, template::loadBlobs,
					(id, version) -> template.findVersion(Article.class, id, version).orElseThrow());
		}
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName());
		template.setBlobStorage(new ReactiveBlobStorage(this.s3AsyncClient, s3.bucket(), "",
				template.getConverter().getJsonMapper()));
		return new Writer((entity) -> template.create(entity).block(), (entity) -> template.update(entity).block(),
				(entity) -> template.loadBlobs(entity).block(),
				(id, version) -> template.findVersion(Article.class, id, version).block());
	}

	enum Api {

		BLOCKING, REACTIVE

	}

	private record Writer(UnaryOperator<Article> create, UnaryOperator<Article> update, UnaryOperator<Article> load,
			BiFunction<String, Long, Article> findVersion) {

		Article create(Article article) {
			return this.create.apply(article);
		}

		Article update(Article article) {
			return this.update.apply(article);
		}

		Article load(Article article) {
			return this.load.apply(article);
		}

		Article version(String id, long version) {
			return this.findVersion.apply(id, version);
		}

	}

	@SingleTableEntity(versioned = true, maxVersions = 3)
	record Article(@Id @Nullable String id, @Version @Nullable Long version, String title,
			@BlobField byte @Nullable [] attachment) {

		Article with(String title, byte[] attachment) {
			return new Article(this.id, this.version, title, attachment);
		}

	}

}
