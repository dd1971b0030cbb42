package dev.singletable.internal.plan;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Request;

/**
 * What a plan asks a driver to do: a DynamoDB request, an operation on the blob storage, an S3 request, or a wait. The request says
 * how its failure reaches the plan ({@link Answer}); the driver sends it on its own client and executor, so retries,
 * observations, metrics and exception translation are the driver's, once.
 */
public sealed interface Request {

	/**
	 * A DynamoDB request; its kind ({@link Plain}, {@link Conditional}, {@link Write}) says how its failure reaches
	 * the plan.
	 */
	sealed interface DynamoDb extends Request permits Plain, Conditional, Write {

		/** The request, with its table. */
		DynamoDbRequest request();

	}

	/**
	 * A DynamoDB request whose failure the plan gets translated (a read, or a write whose conditions it does not
	 * interpret): {@code GetItem}, {@code Query}, {@code BatchGetItem}, {@code BatchWriteItem},
	 * {@code TransactGetItems}, {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}.
	 * @param request the request, with its table
	 */
	record Plain(DynamoDbRequest request) implements DynamoDb {
	}

	/**
	 * A conditional DynamoDB write ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}) whose failed condition
	 * reaches the plan as DynamoDB reports it ({@code ConditionalCheckFailedException}, with the item when asked
	 * for); anything else translated. A {@code TransactWriteItems} sent this way is sent once, as it is (its
	 * cancellation reaches the plan as reported): a backfill's, which needs the capacity its answer reports.
	 * @param request the request, with its table
	 */
	record Conditional(DynamoDbRequest request) implements DynamoDb {
	}

	/**
	 * A conditional DynamoDB write that may change what the application sees ({@code PutItem}, {@code DeleteItem}):
	 * as {@link Conditional}, except that a request whose answer was lost after the SDK's retries (it may have been
	 * applied) fails with {@code CommitOutcomeUnknownException}.
	 * @param request the request, with its table
	 */
	record Write(DynamoDbRequest request) implements DynamoDb {
	}

	/**
	 * Items written as one {@code TransactWriteItems} with a client request token, sent once: a cancellation (for
	 * failed conditions or a transient reason) reaches the plan as DynamoDB reports it, a lost answer as
	 * {@code CommitOutcomeUnknownException} naming the token. {@link TransientRetry#transact} sends it again, with
	 * the same token, while it is cancelled for a transient reason.
	 * @param items the items, in order
	 * @param clientRequestToken the token, the same on every attempt of one write
	 */
	record Transact(List<TransactWriteItem> items, String clientRequestToken) implements Request {

		public Transact {
			items = List.copyOf(items);
		}

	}

	/**
	 * Plans run side by side, each to its end: the driver runs as many at once as it allows (the blocking one
	 * through the template's {@code ParallelRequests}, the reactive one a few at a time); once one fails, no plan not
	 * yet started is started, and the request fails with the first failure when the ones in flight have ended. The
	 * answer is the {@code List} of their results, in order.
	 * @param plans the plans, independent of each other
	 */
	record Plans(List<Step<?>> plans) implements Request {

		public Plans {
			plans = List.copyOf(plans);
		}

	}

	/**
	 * A plan handed to the driver to run off the caller's path once the current plan goes on: work after a commit
	 * that the caller's answer does not wait for (the clean-up of the objects of pruned versions). The blocking driver
	 * queues it for a background thread, the reactive one subscribes to it without waiting; when too many wait, the
	 * caller runs it (a bound, never a loss). The plan must not fail: it logs what it cannot do. The answer has no
	 * response. Plans handed off with the same {@code serial} key run one after the other, in the order handed off
	 * (the prunes of one resource: a prune's probe must not see the version the previous prune is deleting).
	 * @param plan the plan
	 * @param serial the key of the plans it runs after, {@literal null} for none
	 */
	record Background(Step<?> plan, @Nullable String serial) implements Request {

		/**
		 * A plan that runs whenever the driver can, beside any other.
		 */
		public Background(Step<?> plan) {
			this(plan, null);
		}

	}

	/**
	 * A pause before a request is sent again: the driver sleeps (blocking) or waits on a timer (reactive). The
	 * answer has no response.
	 * @param duration how long
	 */
	record Wait(Duration duration) implements Request {
	}

	/**
	 * A backoff before a request is sent again (exponential, with jitter), counted as a retry of the operation
	 * being observed. The answer has no response.
	 * @param attempt the attempt that failed, from 1
	 * @param reason why the request is sent again (the metrics' retry reason)
	 */
	record Backoff(int attempt, String reason) implements Request {

		/**
		 * The pause the driver makes after counting the retry, as for a {@link Wait}: {@link TransientRetry#delay}
		 * of the attempt, jittered anew on each call.
		 * @return the wait
		 */
		public Wait pause() {
			return new Wait(TransientRetry.delay(this.attempt));
		}

	}

	/**
	 * What only the caller of an operation knows — its entity callbacks, its audit scope, the transaction it is bound
	 * to: the kinds ({@code core.internal.operation.CallerRequest}) name the mapping and write types, which this package
	 * does not know. The blocking driver answers them on the thread that runs the plan, the reactive one from the
	 * subscriber's Reactor context, each through the answerer the run was given; a run given none fails such a
	 * request with {@code IllegalStateException}.
	 */
	non-sealed interface Caller extends Request {
	}

	/**
	 * An operation on a template's blob storage; its kinds ({@code core.internal.blob.BlobRequest}) name the blob
	 * API's types, which this package does not know, so that the blob storages can plan with it. A template's driver
	 * hands it to the storage it was given.
	 */
	non-sealed interface Blob extends Request {
	}

	/**
	 * An S3 request sent as it is on the storage's client: {@code HeadObject}, {@code CopyObject},
	 * {@code DeleteObject}, {@code DeleteObjects} or {@code ListObjectsV2}. The answer is the SDK's response, a
	 * failure as the client threw it (the plan says what it means).
	 * @param request the request, with its bucket
	 */
	record S3(S3Request request) implements Request {
	}

	/**
	 * A {@code PutObject} with its body. The answer is the {@code PutObjectResponse}, a failure as the client threw
	 * it.
	 * @param request the request, with its bucket, key and metadata
	 * @param body the bytes as stored
	 */
	record PutObject(PutObjectRequest request, byte[] body) implements Request {
	}

	/**
	 * A {@code GetObject} whose body is read whole unless it is larger than a limit: an object whose length says so
	 * is not read, else reading stops as soon as the bytes exceed it. The answer is its {@link Content}, a failure as
	 * the client threw it.
	 * @param request the request, with its bucket and key
	 * @param maxSizeBytes the largest body read, {@code -1} for no limit
	 */
	record GetObject(GetObjectRequest request, long maxSizeBytes) implements Request {

		/**
		 * Whether a size exceeds the limit.
		 */
		public boolean exceeds(long size) {
			return this.maxSizeBytes >= 0 && size > this.maxSizeBytes;
		}

		/**
		 * What a {@code GetObject} came back with.
		 * @param response the response (metadata, length)
		 * @param body the bytes as stored, {@literal null} when the object exceeded the limit
		 * @param size the body's length, or what was seen of it when it exceeded the limit
		 */
		public record Content(GetObjectResponse response, byte @Nullable [] body, long size) {
		}

	}

}
