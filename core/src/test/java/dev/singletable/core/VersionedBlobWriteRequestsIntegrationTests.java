package dev.singletable.core;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.BlobWriteRequestsFixture.Api;
import dev.singletable.core.BlobWriteRequestsFixture.Writer;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import static dev.singletable.core.BlobWriteRequestsFixture.attachment;
import static dev.singletable.core.BlobWriteRequestsFixture.letters;
import static dev.singletable.core.BlobWriteRequestsFixture.text;
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
	static BlobWriteRequestsFixture requests = new BlobWriteRequestsFixture();

	private static final DynamoDbLocalExtension dynamo = requests.dynamo();

	private static final S3LocalExtension s3 = requests.s3();

	private final RequestCounter dynamoRequests = requests.dynamoRequests();

	private final RequestCounter s3Requests = requests.s3Requests();

	@ParameterizedTest
	@EnumSource(Api.class)
	void anUnchangedAttachmentCostsTwoRequestsAndAChangedOneThreeWithTheCleanUpAfterTheAnswer(Api api) {
		Writer<Article> writer = writer(api);
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
		assertThat(text(writer.load(eighth).attachment())).isEqualTo(letters("D"));
		assertThat(text(writer.load(writer.version(id, 6)).attachment())).isEqualTo(letters("C"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void thePrunedVersionIsReadByItsDeleteAfterTheAnswerAndNeverBefore(Api api) {
		Writer<Article> writer = writer(api);
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
		assertThat(text(writer.load(fourth).attachment())).isEqualTo(letters("D"));
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void anItemWithoutDigestsIsComparedWithTheObjectItself(Api api) {
		Writer<Article> writer = writer(api);
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
		assertThat(text(writer.load(second).attachment())).isEqualTo(letters("A"));
	}

	private void reset() {
		requests.reset();
	}

	private static String key(String id, long version) {
		return "Article/" + id + "/v" + version + "/attachment";
	}

	private static Writer<Article> writer(Api api) {
		return requests.writer(api, Article.class);
	}

	@SingleTableEntity(versioned = true, maxVersions = 3)
	record Article(@Id @Nullable String id, @Version @Nullable Long version, String title,
			@BlobField byte @Nullable [] attachment) {

		Article with(String title, byte[] attachment) {
			return new Article(this.id, this.version, title, attachment);
		}

	}

}
