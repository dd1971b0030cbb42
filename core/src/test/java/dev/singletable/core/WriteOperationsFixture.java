package dev.singletable.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.build.WriteSupport;
import dev.singletable.core.internal.write.item.ItemFailures;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the tests of the write operations share, as a JUnit extension over DynamoDB Local (and, when asked, the
 * in-process S3): before each test, the operations' shared pieces ({@link WriteSupport}) on the test's table, the
 * {@link UnitSender} that sends units as the template does, and a template on the same table and converter to store
 * and read what a test needs; and the sending of a unit's items as one {@code TransactWriteItems} to see what its
 * failed conditions mean.
 */
final class WriteOperationsFixture implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final @Nullable S3LocalExtension s3;

	MappingSingleTableConverter converter;

	DynamoDbClient client;

	WriteSupport support;

	/** Runs plans (such as a unit's after-commit work) on the blocking client and the blob storage. */
	BlockingDriver driver;

	/** Plans the send of units as the template does, with the stages they carry. */
	UnitSender sender;

	SingleTableTemplate template;

	private WriteOperationsFixture(@Nullable S3LocalExtension s3) {
		this.s3 = s3;
	}

	/**
	 * The fixture on DynamoDB Local.
	 */
	static WriteOperationsFixture onDynamoDbLocal() {
		return new WriteOperationsFixture(null);
	}

	/**
	 * The fixture on DynamoDB Local with a blob storage in the in-process S3, under the key prefix {@code writes}.
	 */
	static WriteOperationsFixture withBlobStorage() {
		return new WriteOperationsFixture(new S3LocalExtension());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.dynamo.beforeEach(context);
		if (this.s3 != null) {
			this.s3.beforeEach(context);
		}
		this.converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.client = this.dynamo.client();
		BlobStorage storage = (this.s3 != null)
				? new BlobStorage(this.s3.client(), this.s3.bucket(), "writes", this.converter.getJsonMapper()) : null;
		DynamoDbExecutor executor = new DynamoDbExecutor(this.client, this.dynamo.tableName());
		VersionRetention retention = new VersionRetention(this.dynamo.tableName());
		BlobStage blobs = new BlobStage(this.dynamo.tableName(), this.converter, retention,
				(storage != null) ? storage.codec() : null);
		Timestamps timestamps = new Timestamps();
		this.support = WriteSupport.of(this.dynamo.tableName(), this.converter, timestamps, retention, blobs);
		this.driver = new BlockingDriver(executor, null, storage);
		this.sender = new UnitSender(blobs, new TypeCounts(this.dynamo.tableName(), this.converter, timestamps),
				new AuditRecords(this.dynamo.tableName(), this.converter, timestamps), executor::translate);
		this.template = new SingleTableTemplate(this.client, this.dynamo.tableName(), this.converter);
		this.template.setBlobStorage(storage);
	}

	/**
	 * Sends one unit as the template does, inside the blob stage it carries, on the blocking driver.
	 * @return the entity as stored, if the operation has one
	 */
	@Nullable Object write(WriteUnit unit) {
		return this.driver.run(this.sender.write(unit));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.dynamo.afterEach(context);
		if (this.s3 != null) {
			this.s3.afterEach(context);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.dynamo.afterAll(context);
		if (this.s3 != null) {
			this.s3.afterAll(context);
		}
	}

	DynamoDbLocalExtension dynamo() {
		return this.dynamo;
	}

	S3LocalExtension s3() {
		return this.s3;
	}

	/**
	 * Runs a plan of an operation to its end, as the template does.
	 */
	<R> R run(Step<R> plan) {
		return this.driver.run(plan);
	}

	<T> SingleTablePersistentEntity<T> metadata(Class<T> type) {
		return this.converter.getRequiredEntity(type);
	}

	/**
	 * Sends the unit's items as one {@code TransactWriteItems} that must succeed.
	 */
	void send(WriteUnit unit) {
		this.client.transactWriteItems((request) -> request.transactItems(unit.items()));
	}

	/**
	 * Sends the unit's items as one {@code TransactWriteItems} that must be cancelled, and returns what its
	 * conditions say, as the {@link UnitSender} reads them.
	 */
	ItemFailures failures(WriteUnit unit) {
		try {
			this.client.transactWriteItems((request) -> request.transactItems(unit.items()));
		}
		catch (TransactionCanceledException ex) {
			return ItemFailures.of(ex, 0, unit.items().size());
		}
		return fail("The " + unit.describe() + " was written; its conditions were expected to fail");
	}

	/**
	 * Sends the unit, which must fail, and returns the exception its failed conditions mean.
	 */
	RuntimeException failure(WriteUnit unit) {
		WriteUnit.Outcome outcome = unit.onFailure().apply(failures(unit));
		assertThat(outcome.retry()).as("a replacement").isNull();
		return outcome.failure();
	}

	/**
	 * Sends the unit, which must fail, and returns the unit its failed conditions say to send instead.
	 */
	WriteUnit replacement(WriteUnit unit) {
		WriteUnit.Outcome outcome = unit.onFailure().apply(failures(unit));
		assertThat(outcome.failure()).as("a failure").isNull();
		// the replacement's plan, run: it reads what it needs first (the stored versions, say)
		return this.driver.run(outcome.retry());
	}

	Map<String, AttributeValue> stored(String pk, String sk) {
		return this.dynamo.storedItem(pk, sk);
	}

	List<String> sortKeys(String pk) {
		return this.dynamo.sortKeys(pk);
	}

	private static List<String> longestFirst(java.util.Collection<String> keys) {
		List<String> sorted = new ArrayList<>(keys);
		sorted.sort(java.util.Comparator.comparingInt(String::length).reversed());
		return sorted;
	}

	void put(Map<String, AttributeValue> item) {
		this.client.putItem((request) -> request.tableName(this.dynamo.tableName()).item(item));
	}

	/**
	 * Copies a resource's {@code v1} as {@code v2..vN} and sets {@code v0} to version {@code N}, as a writer that
	 * never prunes leaves a history.
	 */
	void seedHistory(String pk, int count) {
		Map<String, AttributeValue> first = stored(pk, "v1");
		for (int version = 2; version <= count; version++) {
			Map<String, AttributeValue> copy = new LinkedHashMap<>(first);
			copy.put("sk", AttributeValue.fromS("v" + version));
			copy.put("version", AttributeValue.fromN(Integer.toString(version)));
			put(copy);
		}
		Map<String, AttributeValue> latest = new LinkedHashMap<>(stored(pk, "v0"));
		latest.put("version", AttributeValue.fromN(Integer.toString(count)));
		put(latest);
	}

	/**
	 * Names each item of a unit by what it does and its sort key: {@code "put v5"}, {@code "delete v2"},
	 * {@code "check v1"}.
	 */
	static List<String> shape(WriteUnit unit) {
		List<String> shape = new ArrayList<>();
		for (TransactWriteItem item : unit.items()) {
			String kind = (item.put() != null) ? "put" : (item.delete() != null) ? "delete"
					: (item.update() != null) ? "update" : "check";
			shape.add(kind + " " + WriteUnit.keyOf(item).get("sk").s());
		}
		return shape;
	}

	/**
	 * The condition of the item at {@code index}, with its names and values put in.
	 */
	static String condition(WriteUnit unit, int index) {
		TransactWriteItem item = unit.items().get(index);
		String condition;
		Map<String, String> names;
		Map<String, AttributeValue> values;
		if (item.put() != null) {
			condition = item.put().conditionExpression();
			names = item.put().expressionAttributeNames();
			values = item.put().expressionAttributeValues();
		}
		else if (item.delete() != null) {
			condition = item.delete().conditionExpression();
			names = item.delete().expressionAttributeNames();
			values = item.delete().expressionAttributeValues();
		}
		else {
			condition = item.conditionCheck().conditionExpression();
			names = item.conditionCheck().expressionAttributeNames();
			values = item.conditionCheck().expressionAttributeValues();
		}
		if (condition == null) {
			return null;
		}
		// longest first, so that #v never replaces a part of #version
		for (String name : longestFirst(names.keySet())) {
			condition = condition.replace(name, names.get(name));
		}
		for (String placeholder : longestFirst(values.keySet())) {
			AttributeValue value = values.get(placeholder);
			condition = condition.replace(placeholder, (value.s() != null) ? "'" + value.s() + "'"
					: (value.n() != null) ? value.n() : value.toString());
		}
		return condition;
	}

}
