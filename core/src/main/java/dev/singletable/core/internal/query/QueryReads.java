package dev.singletable.core.internal.query;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * What every read of a {@link QuerySpec} shares, for {@link QueryPlans}: resolving the specification, building
 * requests, reading an item as its result (or skipping it), sizing requests when filters drop results, and
 * assembling a page.
 */
public final class QueryReads {

	private static final Log logger = LogFactory.getLog(QueryReads.class);

	/** The most items one request asks for when it sets a limit. */
	static final int MAX_REQUEST_LIMIT = 1000;

	private static final int MIN_FILTERED_REQUEST_LIMIT = 50;

	/** The share of read items assumed to pass the filters before a request has told. */
	static final double INITIAL_EFFICIENCY = 1.0 / 3;

	private final String tableName;

	private final SingleTableConverter converter;

	private final Timestamps timestamps;

	private final @Nullable KnownBlobFacts facts;

	/**
	 * Reads of the table {@code tableName}, items read by {@code converter}, expiry told by {@code timestamps}.
	 * @param facts where the blob attributes of the latest items read whole of versioned types with blob properties
	 * are recorded (the template's {@link KnownBlobFacts}, which its updates use instead of reading them),
	 * {@literal null} for nowhere
	 */
	public QueryReads(String tableName, SingleTableConverter converter, Timestamps timestamps,
			@Nullable KnownBlobFacts facts) {
		this.tableName = tableName;
		this.converter = converter;
		this.timestamps = timestamps;
		this.facts = facts;
	}

	/**
	 * Returns the table the reads read.
	 * @return the table's name
	 */
	public String tableName() {
		return this.tableName;
	}

	/**
	 * Resolves a specification of one partition against the mapping, for reading items or for counting.
	 */
	ResolvedQuery resolve(QuerySpec spec, ResolvedQuery.Reading reading) {
		return ResolvedQuery.of(spec, this.converter, (pk) -> owner(spec, pk) != null, reading);
	}

	/**
	 * Starts a request of a query that reads items (or keys) in the given direction.
	 */
	QueryRequest.Builder request(ResolvedQuery query, boolean scanForward) {
		return query.request(this.tableName, query.filterExpression(), true)
			.scanIndexForward(scanForward);
	}

	/**
	 * Reads an item as the requested type owning it, if it is the latest copy, not expired and passes the
	 * predicate; else {@literal null}. A whole latest item (the query selects no properties) of a versioned type
	 * with blob properties has its blob attributes recorded ({@link KnownBlobFacts#recordRead}).
	 */
	@SuppressWarnings("unchecked")
	<T> @Nullable T read(QuerySpec spec, Map<String, AttributeValue> item) {
		SingleTablePersistentEntity<?> entity = readableOwner(spec, item);
		if (entity == null) {
			return null;
		}
		if (!this.converter.isInstance(entity.getType(), item)) {
			return null;
		}
		KnownBlobFacts facts = this.facts;
		if (facts != null && spec.properties().isEmpty()) {
			// a projection leaves the blob attributes out: its items say nothing of them
			facts.recordRead(entity, item);
		}
		Object result = this.converter.read(entity.getType(), item);
		return (spec.predicate() == null || spec.predicate().test(result)) ? (T) result : null;
	}

	/**
	 * The requested type a read returns an item as, or {@literal null} when reads skip it (another type's item,
	 * a version history item, an expired item of a type that hides them). Needs only the keys and TTL attribute.
	 */
	@Nullable SingleTablePersistentEntity<?> readableOwner(QuerySpec spec, Map<String, AttributeValue> item) {
		AttributeValue pk = item.get(ItemAttributes.PK);
		if (pk == null || pk.s() == null) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = owner(spec, pk.s());
		if (entity == null) {
			if (spec.mixed() && logger.isDebugEnabled()) {
				logger.debug("Skipping item " + pk.s() + ": it belongs to none of the requested types");
			}
			return null;
		}
		if (entity.isVersioned()) {
			AttributeValue sk = item.get(ItemAttributes.SK);
			if (sk == null || !"v0".equals(sk.s())) {
				return null;
			}
		}
		if (entity.getType() != entity.getRootType()) {
			AttributeValue discriminator = item.get(entity.getDiscriminator());
			if (discriminator != null && !entity.getSubtypes().containsKey(discriminator.s())) {
				return null;
			}
		}
		return Expiry.isExpired(entity, item, this.timestamps.now()) ? null : entity;
	}

	/** The requested type that owns a partition key, as the mapping context resolves it, else {@literal null}. */
	private @Nullable SingleTablePersistentEntity<?> owner(QuerySpec spec, String pk) {
		SingleTablePersistentEntity<?> owner = this.converter.getMappingContext().getOwningEntity(pk);
		SingleTablePersistentEntity<?> requested = (owner != null) ? spec.types().get(owner.getPrefix()) : null;
		// a concrete type of a hierarchy reads the items of its root that name it
		return (requested != null && requested.getRootType() == owner.getType()) ? requested : null;
	}

	/**
	 * The request of a server-side count ({@code Select COUNT} with the filter {@link QueryCounts} adds), or
	 * {@literal null} when only reading the results counts right (a predicate, a limit, expired items of one of
	 * several types, or a plan that says so). For a query of one partition.
	 */
	public @Nullable QueryRequest countRequest(QuerySpec spec) {
		boolean hidesExpired = spec.types().values().stream().anyMatch(SingleTablePersistentEntity::isHideExpired);
		boolean subtypes = spec.types().values().stream().anyMatch((type) -> type.getType() != type.getRootType());
		if (spec.predicate() != null || spec.limit() != null || (spec.mixed() && hidesExpired) || subtypes) {
			return null;
		}
		ResolvedQuery query = resolve(spec, ResolvedQuery.Reading.COUNT);
		QueryCounts.Plan plan = QueryCounts.plan(query, this.timestamps.now());
		if (plan.byReading()) {
			return null;
		}
		return query.request(this.tableName, plan.filter(), false).select(Select.COUNT).build();
	}

	/**
	 * How many items to ask one {@code Query} for when {@code remaining} results are still wanted: that many
	 * without filters; with filters, enough to yield them at the share of items that recently passed (at least
	 * {@value #MIN_FILTERED_REQUEST_LIMIT}, at most {@value #MAX_REQUEST_LIMIT}).
	 */
	static long requestLimit(long remaining, boolean filtering, double efficiency) {
		return filtering ? (long) Math.min(MAX_REQUEST_LIMIT,
				Math.max(MIN_FILTERED_REQUEST_LIMIT, Math.ceil(remaining / Math.max(efficiency, 0.02)))) : remaining;
	}

	/** The share of read items that passed the filters, smoothed over the requests made so far. */
	static double nextEfficiency(double efficiency, int accepted, int read) {
		return 0.7 * efficiency + 0.3 * ((double) accepted / Math.max(1, read));
	}

	/**
	 * What the failure of a request that starts at a cursor means: a start key DynamoDB refuses is an invalid
	 * cursor; anything else is the failure itself.
	 * @param ex the failure, as the executor translated it
	 * @return the exception to report
	 */
	static RuntimeException cursorFailure(RuntimeException ex) {
		String message = (ex.getCause() instanceof DynamoDbException dynamo && dynamo.awsErrorDetails() != null)
				? dynamo.awsErrorDetails().errorMessage() : null;
		if (message != null && message.toLowerCase().contains("start")) {
			return CursorCodec.Failures.invalid("it does not fit this query's key condition");
		}
		return ex;
	}

	/**
	 * Assembles a page whose item cursors are sealed only when asked for (then kept): most pages only need their
	 * next cursor.
	 * @param results the results, in the query's order
	 * @param next the cursor of the next page, or {@literal null}
	 * @param cost what reading the page cost
	 * @param cursorAt the cursor at the result with the given index
	 */
	static <T> QueryPage<T> page(List<T> results, @Nullable String next, PageCost cost, IntFunction<String> cursorAt) {
		int size = results.size();
		// made when first asked for, then kept: each encoding has its own random nonce, and a page's cursors stay
		// the same strings however often they are read
		String[] made = new String[size];
		List<String> cursors = new AbstractList<>() {

			@Override
			public String get(int index) {
				String cursor = made[index];
				if (cursor == null) {
					cursor = cursorAt.apply(index);
					made[index] = cursor;
				}
				return cursor;
			}

			@Override
			public int size() {
				return size;
			}

		};
		return new QueryPage<>(results, next, cost.requests, cost.scanned, cost.capacity, cursors);
	}

	/**
	 * What the requests of one page cost.
	 */
	public static final class PageCost {

		private int requests;

		private int scanned;

		private double capacity;

		void add(QueryResponse response) {
			this.requests++;
			this.scanned += (response.scannedCount() != null) ? response.scannedCount() : response.items().size();
			if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
				this.capacity += response.consumedCapacity().capacityUnits();
			}
		}

		void add(PageCost other) {
			this.requests += other.requests;
			this.scanned += other.scanned;
			this.capacity += other.capacity;
		}

		int requests() {
			return this.requests;
		}

	}

}
