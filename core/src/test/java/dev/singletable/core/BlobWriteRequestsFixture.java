package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import dev.singletable.test.S3Local;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the tests that count the requests of versioned blob writes share, as a JUnit extension over DynamoDB Local
 * and the in-process S3 (register it in a static field): before each test, a blocking and an async client of each,
 * their requests counted by one {@link RequestCounter} per service; templates of either API on them with a blob
 * storage ({@link #writer}); after each test, the background clean-ups awaited and the clients closed.
 */
final class BlobWriteRequestsFixture implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final S3LocalExtension s3 = new S3LocalExtension();

	private final RequestCounter dynamoRequests = new RequestCounter();

	private final RequestCounter s3Requests = new RequestCounter();

	private @Nullable Clients clients;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.dynamo.beforeEach(context);
		this.s3.beforeEach(context);
		reset();
		this.clients = new Clients(DynamoDbLocal.newClient(this.dynamoRequests),
				DynamoDbLocal.newAsyncClient(this.dynamoRequests), S3Local.newClient(this.s3Requests),
				S3Local.newAsyncClient(this.s3Requests));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		BackgroundCleanups.await();
		clients().close();
		this.clients = null;
		this.s3.afterEach(context);
		this.dynamo.afterEach(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.s3.afterAll(context);
		this.dynamo.afterAll(context);
	}

	DynamoDbLocalExtension dynamo() {
		return this.dynamo;
	}

	S3LocalExtension s3() {
		return this.s3;
	}

	/** The DynamoDB requests of the counted clients since the last {@link #reset()}. */
	RequestCounter dynamoRequests() {
		return this.dynamoRequests;
	}

	/** The S3 requests of the counted clients since the last {@link #reset()}. */
	RequestCounter s3Requests() {
		return this.s3Requests;
	}

	void reset() {
		this.dynamoRequests.reset();
		this.s3Requests.reset();
	}

	/**
	 * A new blocking template (one that has read and written nothing yet) on the counted clients, with a blob
	 * storage in the test's bucket.
	 */
	SingleTableTemplate blockingTemplate() {
		SingleTableTemplate template = new SingleTableTemplate(clients().dynamo(), this.dynamo.tableName());
		template.setBlobStorage(
				new BlobStorage(clients().s3(), this.s3.bucket(), "", template.getConverter().getJsonMapper()));
		return template;
	}

	/**
	 * A new reactive template on the counted async clients, with a blob storage in the test's bucket.
	 */
	ReactiveSingleTableTemplate reactiveTemplate() {
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(clients().asyncDynamo(),
				this.dynamo.tableName());
		template.setBlobStorage(new ReactiveBlobStorage(clients().asyncS3(), this.s3.bucket(), "",
				template.getConverter().getJsonMapper()));
		return template;
	}

	/**
	 * The writes and reads of one type on a new template of the given API.
	 */
	<T> Writer<T> writer(Api api, Class<T> type) {
		return (api == Api.BLOCKING) ? new Writer<>(type, blockingTemplate(), null)
				: new Writer<>(type, null, reactiveTemplate());
	}

	private Clients clients() {
		return Objects.requireNonNull(this.clients, "The clients are made before each test");
	}

	/** A text of 20,000 times the letter: large enough to be stored as an object. */
	static String letters(String letter) {
		return letter.repeat(20_000);
	}

	/** The bytes of {@link #letters}: a new array each time, as an application building the entity again would pass. */
	static byte[] attachment(String letter) {
		return letters(letter).getBytes(StandardCharsets.UTF_8);
	}

	static String text(byte @Nullable [] bytes) {
		return new String(Objects.requireNonNull(bytes, "no attachment"), StandardCharsets.UTF_8);
	}

	enum Api {

		BLOCKING, REACTIVE

	}

	private record Clients(DynamoDbClient dynamo, DynamoDbAsyncClient asyncDynamo, S3Client s3, S3AsyncClient asyncS3) {

		void close() {
			this.dynamo.close();
			this.asyncDynamo.close();
			this.s3.close();
			this.asyncS3.close();
		}

	}

	/**
	 * The operations the tests call on one type, on a template of either API (the reactive one's blocked on).
	 */
	static final class Writer<T> {

		private final Class<T> type;

		private final @Nullable SingleTableTemplate blocking;

		private final @Nullable ReactiveSingleTableTemplate reactive;

		private Writer(Class<T> type, @Nullable SingleTableTemplate blocking,
				@Nullable ReactiveSingleTableTemplate reactive) {
			this.type = type;
			this.blocking = blocking;
			this.reactive = reactive;
		}

		T create(T entity) {
			return (this.blocking != null) ? this.blocking.create(entity) : reactive().create(entity).block();
		}

		T update(T entity) {
			return (this.blocking != null) ? this.blocking.update(entity) : reactive().update(entity).block();
		}

		/** The entity with its blob properties loaded. */
		T load(T entity) {
			return (this.blocking != null) ? this.blocking.loadBlobs(entity) : reactive().loadBlobs(entity).block();
		}

		T find(String id) {
			return (this.blocking != null) ? this.blocking.findById(this.type, id).orElseThrow()
					: reactive().findById(this.type, id).block();
		}

		T version(String id, long version) {
			return (this.blocking != null) ? this.blocking.findVersion(this.type, id, version).orElseThrow()
					: reactive().findVersion(this.type, id, version).block();
		}

		/** Every resource of the type, as its listing on the type index reads them (pages of a query). */
		List<T> all() {
			return (this.blocking != null) ? this.blocking.query(this.type).all()
					: reactive().query(this.type).all().collectList().block();
		}

		/** Every resource of the type with only the given properties read (a projection of the listing's pages). */
		List<T> selected(String... properties) {
			return (this.blocking != null) ? this.blocking.query(this.type).select(properties).all()
					: reactive().query(this.type).select(properties).all().collectList().block();
		}

		/** The resource as a read transaction reads it. */
		T readInTransaction(String id) {
			SingleTableSnapshot snapshot = (this.blocking != null)
					? this.blocking.readTransaction((reads) -> reads.get(this.type, id))
					: reactive().readTransaction((reads) -> reads.get(this.type, id)).block();
			return snapshot.get(this.type, id).orElseThrow();
		}

		void deleteById(String id) {
			if (this.blocking != null) {
				this.blocking.deleteById(this.type, id);
			}
			else {
				reactive().deleteById(this.type, id).block();
			}
		}

		/** Deletes the resource in a transaction of its own. */
		void deleteByIdInTransaction(String id) {
			if (this.blocking != null) {
				this.blocking.transaction((tx) -> tx.deleteById(this.type, id));
			}
			else {
				reactive().transaction((tx) -> tx.deleteById(this.type, id)).block();
			}
		}

		/** Deletes the entity as read: on the condition that it is still the version read. */
		void delete(T entity) {
			if (this.blocking != null) {
				this.blocking.delete(entity);
			}
			else {
				reactive().delete(entity).block();
			}
		}

		/** Deletes the entity as read in a transaction of its own. */
		void deleteInTransaction(T entity) {
			if (this.blocking != null) {
				this.blocking.transaction((tx) -> tx.delete(entity));
			}
			else {
				reactive().transaction((tx) -> tx.delete(entity)).block();
			}
		}

		private ReactiveSingleTableTemplate reactive() {
			return Objects.requireNonNull(this.reactive);
		}

	}

}
