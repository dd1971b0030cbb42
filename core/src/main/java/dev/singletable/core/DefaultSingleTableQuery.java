package dev.singletable.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.IndexValues;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@link SingleTableQuery} on a {@link SingleTableTemplate}: key conditions, filters with placeholders only, reading
 * across pages until the limit is met with adaptive over-fetch when filtering, and signed cursors bound to the
 * query.
 *
 * @param <T> the result type
 */
final class DefaultSingleTableQuery<T> implements SingleTableQuery<T> {

	private static final Log logger = LogFactory.getLog(DefaultSingleTableQuery.class);

	static final int DEFAULT_LIMIT = 100;

	static final int DEFAULT_MAX_REQUESTS = 10;

	private static final int MAX_REQUEST_LIMIT = 1000;

	private static final int MIN_FILTERED_REQUEST_LIMIT = 50;

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final CursorCodec cursorCodec;

	private final Timestamps timestamps;

	private final Map<String, SingleTablePersistentEntity<?>> entitiesByPrefix;

	private final boolean mixed;

	private @Nullable String index = ItemAttributes.TYPE_INDEX;

	private @Nullable String partition;

	private @Nullable String sortOperator;

	private List<String> sortValues = List.of();

	private boolean ascending = true;

	private boolean consistent;

	private @Nullable Filter filter;

	private @Nullable Predicate<? super T> predicate;

	private int limit = DEFAULT_LIMIT;

	private boolean limitSet;

	private int maxRequests = DEFAULT_MAX_REQUESTS;

	private long offset;

	DefaultSingleTableQuery(DynamoDbExecutor executor, SingleTableConverter converter, CursorCodec cursorCodec,
			Timestamps timestamps, List<SingleTablePersistentEntity<?>> entities, boolean mixed) {
		this.executor = executor;
		this.converter = converter;
		this.cursorCodec = cursorCodec;
		this.timestamps = timestamps;
		this.mixed = mixed;
		Map<String, SingleTablePersistentEntity<?>> byPrefix = new HashMap<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			SingleTablePersistentEntity<?> previous = byPrefix.put(entity.getPrefix(), entity);
			if (previous != null && previous != entity) {
				throw new IllegalArgumentException(previous.getType().getName() + " and " + entity.getType().getName()
						+ " share the prefix '" + entity.getPrefix() + "'; give one of them another prefix");
			}
		}
		this.entitiesByPrefix = byPrefix;
	}

	@Override
	public SingleTableQuery<T> index(String index) {
		Assert.hasText(index, "Index name must not be empty");
		this.index = index;
		return this;
	}

	@Override
	public SingleTableQuery<T> table() {
		this.index = null;
		return this;
	}

	@Override
	public SingleTableQuery<T> partition(Object value) {
		Assert.notNull(value, "Partition value must not be null");
		this.partition = IndexValues.renderPlain(value);
		Assert.hasText(this.partition, "Partition value must not be empty");
		return this;
	}

	@Override
	public SingleTableQuery<T> sortEquals(Object value) {
		return sort("=", value);
	}

	@Override
	public SingleTableQuery<T> sortLessThan(Object value) {
		return sort("<", value);
	}

	@Override
	public SingleTableQuery<T> sortLessThanOrEqual(Object value) {
		return sort("<=", value);
	}

	@Override
	public SingleTableQuery<T> sortGreaterThan(Object value) {
		return sort(">", value);
	}

	@Override
	public SingleTableQuery<T> sortGreaterThanOrEqual(Object value) {
		return sort(">=", value);
	}

	@Override
	public SingleTableQuery<T> sortBetween(Object low, Object high) {
		return sort("BETWEEN", low, high);
	}

	@Override
	public SingleTableQuery<T> sortBeginsWith(String prefix) {
		return sort("begins_with", prefix);
	}

	private SingleTableQuery<T> sort(String operator, Object... values) {
		for (Object value : values) {
			Assert.notNull(value, "Sort key value must not be null");
		}
		this.sortOperator = operator;
		this.sortValues = Arrays.stream(values).map(IndexValues::render).toList();
		return this;
	}

	@Override
	public SingleTableQuery<T> ascending() {
		this.ascending = true;
		return this;
	}

	@Override
	public SingleTableQuery<T> descending() {
		this.ascending = false;
		return this;
	}

	@Override
	public SingleTableQuery<T> consistentRead() {
		this.consistent = true;
		return this;
	}

	@Override
	public SingleTableQuery<T> filter(Filter filter) {
		Assert.notNull(filter, "Filter must not be null");
		this.filter = (this.filter != null) ? this.filter.and(filter) : filter;
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public SingleTableQuery<T> where(Predicate<? super T> predicate) {
		Assert.notNull(predicate, "Predicate must not be null");
		Predicate<? super T> previous = this.predicate;
		this.predicate = (previous != null) ? (T item) -> ((Predicate<T>) previous).test(item) && predicate.test(item)
				: predicate;
		return this;
	}

	@Override
	public SingleTableQuery<T> limit(int limit) {
		Assert.isTrue(limit >= 1, "Limit must be at least 1");
		this.limit = limit;
		this.limitSet = true;
		return this;
	}

	@Override
	public SingleTableQuery<T> offset(long offset) {
		Assert.isTrue(offset >= 0, "Offset must not be negative");
		this.offset = offset;
		return this;
	}

	@Override
	public SingleTableQuery<T> maxRequests(int maxRequests) {
		Assert.isTrue(maxRequests >= 1, "maxRequests must be at least 1");
		this.maxRequests = maxRequests;
		return this;
	}

	@Override
	public QueryPage<T> page() {
		return page(null);
	}

	@Override
	public QueryPage<T> page(@Nullable String cursor) {
		return read(resolve(), cursor, this.limit, true, true);
	}

	@Override
	public QueryPage<T> pageBefore(@Nullable String cursor) {
		return read(resolve(), cursor, this.limit, true, false);
	}

	/**
	 * Streams by following {@code LastEvaluatedKey} from one {@code Query} to the next. Without a result cap,
	 * each request lets DynamoDB fill a whole page (up to 1 MB), so a long stream takes as few round trips as
	 * possible while memory stays bounded by one page. With a cap, requests ask for what is still wanted
	 * (over-fetching adaptively when filters drop results), so nothing beyond the cap is paid for.
	 */
	@Override
	public Stream<T> stream() {
		Resolved resolved = resolve();
		@Nullable Predicate<? super T> predicate = this.predicate;
		long skip = this.offset;
		Map<String, AttributeValue> startKey = null;
		if (skip > 0 && predicate == null) {
			startKey = skipKeys(resolved, skip);
			if (startKey == null) {
				return Stream.empty();
			}
			skip = 0;
		}
		long cap = this.limitSet ? this.limit + skip : Long.MAX_VALUE;
		Map<String, AttributeValue> start = startKey;
		boolean filtering = resolved.filterExpression() != null || predicate != null;
		Iterator<T> iterator = new Iterator<>() {

			private Iterator<T> current = List.<T>of().iterator();

			private long returned;

			private double efficiency = 1.0 / 3;

			private final DynamoDbExecutor.Pages pages = DefaultSingleTableQuery.this.executor.pages(start);

			@Override
			public boolean hasNext() {
				while (!this.current.hasNext()) {
					if (!this.pages.hasNext() || this.returned >= cap) {
						return false;
					}
					QueryRequest.Builder request = request(resolved, resolved.filterExpression())
						.scanIndexForward(DefaultSingleTableQuery.this.ascending);
					if (cap != Long.MAX_VALUE) {
						request.limit((int) Math.min(MAX_REQUEST_LIMIT,
								requestLimit(cap - this.returned, filtering, this.efficiency)));
					}
					QueryResponse response = this.pages.next(request);
					List<T> results = new ArrayList<>(response.items().size());
					for (Map<String, AttributeValue> item : response.items()) {
						T result = convert(item);
						if (result != null && (predicate == null || predicate.test(result))) {
							results.add(result);
						}
					}
					this.efficiency = nextEfficiency(this.efficiency, results.size(), response.items().size());
					this.current = results.iterator();
				}
				return this.returned < cap;
			}

			@Override
			public T next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				this.returned++;
				return this.current.next();
			}

		};
		Stream<T> results = StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
		return (skip > 0) ? results.skip(skip) : results;
	}

	/**
	 * Reads past the first {@code count} results with requests that return only the attributes telling whether a
	 * read returns an item (its keys and TTL attribute).
	 * @return the key of the last skipped result, which reading continues after, or {@literal null} when there
	 * are no more results than that
	 */
	private @Nullable Map<String, AttributeValue> skipKeys(Resolved resolved, long count) {
		Set<String> attributes = keyAttributes(resolved);
		this.entitiesByPrefix.values().stream().filter(SingleTablePersistentEntity::isHideExpired)
			.forEach((entity) -> attributes.add(entity.getTtlAttribute()));
		Map<String, String> names = new HashMap<>(resolved.keyExpression().names());
		List<String> projection = new ArrayList<>();
		for (String attribute : attributes) {
			String alias = "#skip" + projection.size();
			names.put(alias, attribute);
			projection.add(alias);
		}
		boolean filtering = resolved.filterExpression() != null;
		DynamoDbExecutor.Pages pages = this.executor.pages(null);
		double efficiency = 1.0 / 3;
		long skipped = 0;
		while (pages.hasNext()) {
			QueryResponse response = pages.next(request(resolved, resolved.filterExpression())
				.scanIndexForward(this.ascending)
				.projectionExpression(String.join(", ", projection))
				.expressionAttributeNames(names)
				.limit((int) Math.min(MAX_REQUEST_LIMIT, requestLimit(count - skipped, filtering, efficiency))));
			int accepted = 0;
			for (Map<String, AttributeValue> item : response.items()) {
				if (readableOwner(item) != null) {
					accepted++;
					if (++skipped == count) {
						return keyOf(resolved, item);
					}
				}
			}
			efficiency = nextEfficiency(efficiency, accepted, response.items().size());
		}
		return null;
	}

	@Override
	public List<T> all() {
		return stream().toList();
	}

	@Override
	public long count() {
		boolean hidesExpired = this.entitiesByPrefix.values().stream().anyMatch(SingleTablePersistentEntity::isHideExpired);
		if (this.predicate != null || this.limitSet || (this.mixed && hidesExpired)) {
			try (Stream<T> results = stream()) {
				return results.count();
			}
		}
		Resolved resolved = resolve();
		String filterExpression = and(resolved.filterExpression(), countCondition(resolved));
		if (resolved.index() != null) {
			String typeCondition = typeCondition(resolved, new TreeMap<>(this.entitiesByPrefix).values());
			if (typeCondition == null) {
				try (Stream<T> results = stream()) {
					return results.count();
				}
			}
			filterExpression = and(filterExpression, typeCondition);
		}
		String countFilter = filterExpression;
		long count = 0;
		DynamoDbExecutor.Pages pages = this.executor.pages(null);
		while (pages.hasNext()) {
			QueryResponse response = pages.next(request(resolved, countFilter)
				.select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT));
			count += (response.count() != null) ? response.count() : 0;
		}
		return count;
	}

	/**
	 * What a server-side count must add to see only what reads return: on a single type, the latest copy of a
	 * versioned resource when the table itself is queried, and no item whose TTL has passed when the type
	 * hides expired items (the {@link Expiry} rule, at the same time source as reads).
	 */
	private @Nullable String countCondition(Resolved resolved) {
		if (this.mixed) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = this.entitiesByPrefix.values().iterator().next();
		ExpressionBuilder expression = resolved.keyExpression();
		String condition = null;
		if (entity.isVersioned() && resolved.index() == null) {
			// only the latest copy (v0) carries the type index attributes; a filter cannot name the sort key
			condition = "attribute_exists(" + expression.name(ItemAttributes.GSI_TYPE) + ")";
		}
		return and(condition, Expiry.notExpiredCondition(entity, expression, this.timestamps.now()));
	}

	/**
	 * What keeps a server-side count on an index to the items reads map to the requested types. Reads map an item
	 * by its {@code pk} (see {@link #requestedOwner}), so on the type index, whose keys are never {@code pk}, the
	 * count filters on {@code begins_with(pk, "<prefix>#")}, which with the prefix rules matches exactly the items
	 * of a type. On another index it filters on the types' own {@code gsitype} values; a type whose type index
	 * partition is another value (computed, or one several types may share) has no such condition: the count must
	 * read, or it would count the other types' items.
	 * @return the condition, or {@literal null} when only reading counts right
	 */
	private static @Nullable String typeCondition(Resolved resolved, Collection<SingleTablePersistentEntity<?>> entities) {
		ExpressionBuilder expression = resolved.keyExpression();
		List<String> conditions = new ArrayList<>();
		List<String> typeValues = new ArrayList<>();
		for (SingleTablePersistentEntity<?> entity : entities) {
			if (ItemAttributes.TYPE_INDEX.equals(resolved.index())) {
				conditions.add("begins_with(" + expression.name(ItemAttributes.PK) + ", "
						+ expression.value(AttributeValue.fromS(entity.getPrefix() + "#")) + ")");
			}
			else if (entity.getPrefix().equals(typeIndexValue(entity))) {
				typeValues.add(expression.value(AttributeValue.fromS(entity.getPrefix())));
			}
			else {
				return null;
			}
		}
		if (!typeValues.isEmpty()) {
			String name = expression.name(ItemAttributes.GSI_TYPE);
			return (typeValues.size() == 1) ? name + " = " + typeValues.get(0)
					: name + " IN (" + String.join(", ", typeValues) + ")";
		}
		return (conditions.size() == 1) ? conditions.get(0) : "(" + String.join(" OR ", conditions) + ")";
	}

	/**
	 * Joins two conditions, each a single comparison or function or a parenthesized one as
	 * {@link ExpressionBuilder#render} writes them (DynamoDB refuses redundant parentheses).
	 */
	private static @Nullable String and(@Nullable String first, @Nullable String second) {
		if (first == null || second == null) {
			return (first != null) ? first : second;
		}
		return first + " AND " + second;
	}

	@Override
	public Optional<T> first() {
		return read(resolve(), null, 1, false, true).items().stream().findFirst();
	}

	// ---- resolution -------------------------------------------------------------------------------------

	private record Resolved(@Nullable String index, String partitionAttribute, @Nullable String sortAttribute,
			String partition, String keyCondition, ExpressionBuilder keyExpression, @Nullable String filterExpression,
			String binding) {
	}

	private Resolved resolve() {
		String partitionAttribute;
		String sortAttribute;
		if (this.index == null) {
			partitionAttribute = ItemAttributes.PK;
			sortAttribute = ItemAttributes.SK;
		}
		else {
			IndexDefinition definition = definition(this.index);
			if (definition != null) {
				partitionAttribute = definition.partitionAttribute();
				sortAttribute = definition.sortAttribute();
			}
			else {
				partitionAttribute = IndexDefinition.conventionalPartitionAttribute(this.index);
				sortAttribute = IndexDefinition.conventionalSortAttribute(this.index);
			}
			if (this.consistent) {
				throw new IllegalArgumentException("Index '" + this.index + "' is a global secondary index, which only "
						+ "supports eventually consistent reads; drop consistentRead() or query the table");
			}
		}
		String partitionValue = this.partition;
		if (partitionValue == null) {
			partitionValue = defaultPartition();
		}
		if (this.sortOperator != null && sortAttribute == null) {
			throw new IllegalArgumentException("Index '" + this.index + "' has no sort key to put a condition on");
		}
		ExpressionBuilder expression = new ExpressionBuilder();
		StringBuilder condition = new StringBuilder(expression.name(partitionAttribute)).append(" = ")
			.append(expression.value(AttributeValue.fromS(partitionValue)));
		if (this.sortOperator != null) {
			String sortName = expression.name(sortAttribute);
			condition.append(" AND ");
			switch (this.sortOperator) {
				case "BETWEEN" -> condition.append(sortName)
					.append(" BETWEEN ")
					.append(expression.value(AttributeValue.fromS(this.sortValues.get(0))))
					.append(" AND ")
					.append(expression.value(AttributeValue.fromS(this.sortValues.get(1))));
				case "begins_with" -> condition.append("begins_with(")
					.append(sortName)
					.append(", ")
					.append(expression.value(AttributeValue.fromS(this.sortValues.get(0))))
					.append(")");
				default -> condition.append(sortName)
					.append(' ')
					.append(this.sortOperator)
					.append(' ')
					.append(expression.value(AttributeValue.fromS(this.sortValues.get(0))));
			}
		}
		String filterExpression = (this.filter != null) ? expression.render(this.filter, this::storedPath,
				this.converter::writeValue) : null;
		String binding = String.join(",", new TreeMap<>(this.entitiesByPrefix).keySet()) + "|" + this.index + "|"
				+ partitionValue;
		return new Resolved(this.index, partitionAttribute, sortAttribute, partitionValue, condition.toString(),
				expression, filterExpression, binding);
	}

	private @Nullable IndexDefinition definition(String index) {
		for (SingleTablePersistentEntity<?> entity : this.entitiesByPrefix.values()) {
			IndexDefinition definition = entity.getIndexDefinition(index);
			if (definition != null) {
				return definition;
			}
		}
		return null;
	}

	private static @Nullable String typeIndexValue(SingleTablePersistentEntity<?> entity) {
		IndexDefinition definition = entity.getIndexDefinition(ItemAttributes.TYPE_INDEX);
		if (definition == null) {
			return entity.getPrefix();
		}
		if (definition.partition() != null && !definition.partition().hasProperties()) {
			return definition.partition().getPrefix();
		}
		return null;
	}

	private String defaultPartition() {
		if (!ItemAttributes.TYPE_INDEX.equals(this.index) || this.entitiesByPrefix.size() != 1) {
			throw new IllegalArgumentException("Query on " + ((this.index != null) ? "index '" + this.index + "'" : "the table")
					+ " needs a partition value; call partition(..)");
		}
		SingleTablePersistentEntity<?> entity = this.entitiesByPrefix.values().iterator().next();
		IndexDefinition definition = entity.getIndexDefinition(ItemAttributes.TYPE_INDEX);
		if (definition == null) {
			return entity.getPrefix();
		}
		if (definition.partition() != null && !definition.partition().hasProperties()) {
			return definition.partition().getPrefix();
		}
		throw new IllegalArgumentException(entity.getType().getSimpleName()
				+ " computes its gsitype value; pass the partition to list");
	}

	private List<String> storedPath(Filter filter) {
		String path = filter.getPath();
		if (filter.isRawAttribute()) {
			return List.of(path);
		}
		if (this.mixed) {
			throw new IllegalArgumentException("Filter on property '" + path + "' is ambiguous in a query over several "
					+ "types; use Filter.attribute(\"storedName\")");
		}
		SingleTablePersistentEntity<?> entity = this.entitiesByPrefix.values().iterator().next();
		List<String> segments = new ArrayList<>(Arrays.asList(path.split("\\.")));
		SingleTablePersistentProperty property = entity.getPersistentProperty(segments.get(0));
		if (property == null) {
			throw new IllegalArgumentException(entity.getType().getSimpleName() + " has no property '" + segments.get(0)
					+ "' to filter on");
		}
		if (entity.isCompressed()) {
			throw new IllegalArgumentException(entity.getType().getSimpleName() + " is stored compressed, so '" + path
					+ "' is inside the compressed data where DynamoDB filters cannot see it; use where(predicate) "
					+ "to filter after reading, or an index key for this access pattern");
		}
		segments.set(0, this.converter.getStoredName(property));
		return segments;
	}

	// ---- reading ----------------------------------------------------------------------------------------

	/**
	 * Reads one page: requests follow each other until {@code wanted} results are in, the results end or
	 * {@code maxRequests} requests were made. With {@code peek} the page looks for one result beyond the wanted
	 * ones (an unfiltered query simply asks DynamoDB for one item more), so that a page ending exactly at the
	 * last result carries no cursor to an empty page. A backward page reads against the query's order from the
	 * cursor and returns its results in the query's order.
	 */
	private QueryPage<T> read(Resolved resolved, @Nullable String cursor, int wanted, boolean peek, boolean forward) {
		DynamoDbExecutor.Pages pages = this.executor.pages((cursor != null) ? decode(resolved, cursor) : null);
		boolean filtering = resolved.filterExpression() != null || this.predicate != null;
		long target = peek ? wanted + 1L : wanted;
		List<T> results = new ArrayList<>(Math.min(wanted, 1000));
		List<Map<String, AttributeValue>> keys = new ArrayList<>(Math.min(wanted, 1000));
		int requests = 0;
		int scanned = 0;
		double capacity = 0;
		double efficiency = 1.0 / 3;
		while (true) {
			long remaining = target - results.size();
			int requestLimit = (int) Math.min(Integer.MAX_VALUE, requestLimit(remaining, filtering, efficiency));
			QueryRequest.Builder request = request(resolved, resolved.filterExpression())
				.scanIndexForward(this.ascending == forward)
				.limit(requestLimit)
				.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
			QueryResponse response = send(pages, request, cursor != null && requests == 0);
			requests++;
			scanned += (response.scannedCount() != null) ? response.scannedCount() : response.items().size();
			if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
				capacity += response.consumedCapacity().capacityUnits();
			}
			int accepted = 0;
			List<Map<String, AttributeValue>> items = response.items();
			for (int i = 0; i < items.size(); i++) {
				Map<String, AttributeValue> item = items.get(i);
				T result = convert(item);
				if (result == null || (this.predicate != null && !this.predicate.test(result))) {
					continue;
				}
				if (results.size() == wanted) {
					// a result follows the page: the page continues after its own last result
					String next = encodeKey(resolved, keys.get(wanted - 1));
					return page(resolved, results, keys, next, forward, requests, scanned, capacity);
				}
				results.add(result);
				keys.add(keyOf(resolved, item));
				accepted++;
				if (!peek && results.size() == wanted) {
					boolean more = i < items.size() - 1 || pages.hasNext();
					String next = more ? encodeKey(resolved, keys.get(wanted - 1)) : null;
					return page(resolved, results, keys, next, forward, requests, scanned, capacity);
				}
			}
			Map<String, AttributeValue> startKey = pages.startKey();
			if (startKey == null) {
				return page(resolved, results, keys, null, forward, requests, scanned, capacity);
			}
			if (requests >= this.maxRequests) {
				return page(resolved, results, keys, encodeKey(resolved, startKey), forward, requests, scanned,
						capacity);
			}
			efficiency = nextEfficiency(efficiency, accepted, items.size());
		}
	}

	private QueryPage<T> page(Resolved resolved, List<T> results, List<Map<String, AttributeValue>> keys,
			@Nullable String nextCursor, boolean forward, int requests, int scanned, double capacity) {
		if (!forward) {
			Collections.reverse(results);
			Collections.reverse(keys);
		}
		return new QueryPage<>(results, nextCursor, requests, scanned, capacity, new ItemCursors(resolved, keys));
	}

	/**
	 * The cursor at each result of a page, signed only when asked for: most pages only need their next cursor.
	 */
	private final class ItemCursors extends AbstractList<String> {

		private final Resolved resolved;

		private final List<Map<String, AttributeValue>> keys;

		ItemCursors(Resolved resolved, List<Map<String, AttributeValue>> keys) {
			this.resolved = resolved;
			this.keys = keys;
		}

		@Override
		public String get(int index) {
			return encodeKey(this.resolved, this.keys.get(index));
		}

		@Override
		public int size() {
			return this.keys.size();
		}

	}

	/**
	 * How many items to ask one {@code Query} for when {@code remaining} results are still wanted: that many
	 * without filters; with filters, enough to yield them at the share of items that recently passed (at least
	 * {@value #MIN_FILTERED_REQUEST_LIMIT}, at most {@value #MAX_REQUEST_LIMIT}).
	 */
	private static long requestLimit(long remaining, boolean filtering, double efficiency) {
		return filtering ? (long) Math.min(MAX_REQUEST_LIMIT,
				Math.max(MIN_FILTERED_REQUEST_LIMIT, Math.ceil(remaining / Math.max(efficiency, 0.02)))) : remaining;
	}

	/** The share of read items that passed the filters, smoothed over the requests made so far. */
	private static double nextEfficiency(double efficiency, int accepted, int read) {
		return 0.7 * efficiency + 0.3 * ((double) accepted / Math.max(1, read));
	}

	private QueryRequest.Builder request(Resolved resolved, @Nullable String filterExpression) {
		return QueryRequest.builder()
			.tableName(this.executor.getTableName())
			.indexName(resolved.index())
			.keyConditionExpression(resolved.keyCondition())
			.filterExpression(filterExpression)
			.expressionAttributeNames(resolved.keyExpression().names())
			.expressionAttributeValues(resolved.keyExpression().values())
			.consistentRead(this.consistent ? Boolean.TRUE : null);
	}

	/**
	 * Reads the next page; the first one from a cursor reports a start key DynamoDB refuses as an invalid cursor.
	 */
	private QueryResponse send(DynamoDbExecutor.Pages pages, QueryRequest.Builder request, boolean fromCursor) {
		try {
			return pages.next(request);
		}
		catch (RuntimeException ex) {
			String message = (ex.getCause() instanceof DynamoDbException dynamo && dynamo.awsErrorDetails() != null)
					? dynamo.awsErrorDetails().errorMessage() : null;
			if (fromCursor && message != null && message.toLowerCase().contains("start")) {
				throw new InvalidCursorException("it does not fit this query's key condition");
			}
			throw ex;
		}
	}

	@SuppressWarnings("unchecked")
	private @Nullable T convert(Map<String, AttributeValue> item) {
		SingleTablePersistentEntity<?> entity = readableOwner(item);
		return (entity != null) ? (T) this.converter.read(entity.getType(), item) : null;
	}

	/**
	 * The requested type a read returns an item as, or {@literal null} when reads skip it (another type, a
	 * version history item, an expired item of a type that hides them). Needs only the keys and TTL attribute.
	 */
	private @Nullable SingleTablePersistentEntity<?> readableOwner(Map<String, AttributeValue> item) {
		AttributeValue pk = item.get(ItemAttributes.PK);
		if (pk == null || pk.s() == null) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = requestedOwner(pk.s());
		if (entity == null) {
			if (this.mixed && logger.isDebugEnabled()) {
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
		return Expiry.isExpired(entity, item, this.timestamps.now()) ? null : entity;
	}

	/** The requested type that owns a partition key, as the mapping context resolves it, else {@literal null}. */
	private @Nullable SingleTablePersistentEntity<?> requestedOwner(String pk) {
		SingleTablePersistentEntity<?> owner = this.converter.getMappingContext().getOwningEntity(pk);
		SingleTablePersistentEntity<?> requested = (owner != null) ? this.entitiesByPrefix.get(owner.getPrefix()) : null;
		return (requested != null && requested.getType() == owner.getType()) ? requested : null;
	}

	private Map<String, AttributeValue> keyOf(Resolved resolved, Map<String, AttributeValue> item) {
		Map<String, AttributeValue> key = new HashMap<>();
		for (String attribute : keyAttributes(resolved)) {
			AttributeValue value = item.get(attribute);
			if (value != null) {
				key.put(attribute, value);
			}
		}
		return key;
	}

	private String encodeKey(Resolved resolved, Map<String, AttributeValue> key) {
		return this.cursorCodec.encode(resolved.binding(), key);
	}

	private Set<String> keyAttributes(Resolved resolved) {
		Set<String> attributes = new java.util.LinkedHashSet<>(List.of(ItemAttributes.PK, ItemAttributes.SK,
				resolved.partitionAttribute()));
		if (resolved.sortAttribute() != null) {
			attributes.add(resolved.sortAttribute());
		}
		return attributes;
	}

	private Map<String, AttributeValue> decode(Resolved resolved, String cursor) {
		Map<String, AttributeValue> key = this.cursorCodec.decode(cursor, resolved.binding());
		Set<String> allowed = keyAttributes(resolved);
		if (!allowed.containsAll(key.keySet()) || !key.containsKey(ItemAttributes.PK) || !key.containsKey(ItemAttributes.SK)
				|| !key.containsKey(resolved.partitionAttribute())) {
			throw new InvalidCursorException("its key does not match the keys of this query's index");
		}
		if (!resolved.partition().equals(key.get(resolved.partitionAttribute()).s())) {
			throw new InvalidCursorException("it belongs to another partition");
		}
		if (!this.mixed) {
			if (requestedOwner(key.get(ItemAttributes.PK).s()) == null) {
				throw new InvalidCursorException("it belongs to another type");
			}
		}
		return key;
	}

}
