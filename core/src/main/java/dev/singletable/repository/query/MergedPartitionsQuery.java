package dev.singletable.repository.query;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;

/**
 * The queries of an {@code In} on a partition property, one per value, read as one: each partition's first page
 * is read in parallel (at most {@value #MAX_PARALLEL_READS} requests at a time across the application), later
 * pages as the merge needs them, and results are merged in the order of the index's sort key, rendered from each
 * result with the same template the item's key was written with. Counts add up the partitions' counts. It has no
 * cursors: pages, slices and single results read from the start.
 *
 * @param <T> the result type
 */
final class MergedPartitionsQuery<T> implements SingleTableQuery<T> {

	/** The most values an {@code In} on a partition property may have: one query each. */
	static final int MAX_PARTITIONS = 25;

	/** The most partition queries sent at the same time, by all {@code In} queries together. */
	static final int MAX_PARALLEL_READS = 8;

	private static final ExecutorService READERS = readers();

	private final List<SingleTableQuery<T>> queries;

	private final @Nullable MergeOrder<T> order;

	private boolean ascending;

	private long cap = Long.MAX_VALUE;

	private long offset;

	/**
	 * Creates the merged query.
	 * @param queries the query of each partition, in the order of the values
	 * @param order the ascending sort key order of results, or {@literal null} to concatenate the partitions
	 * @param ascending whether the queries read ascending
	 */
	MergedPartitionsQuery(List<SingleTableQuery<T>> queries, @Nullable MergeOrder<T> order, boolean ascending) {
		this.queries = List.copyOf(queries);
		this.order = order;
		this.ascending = ascending;
	}

	/**
	 * The order the partitions are merged in: an index's sort key, rendered from each result's properties and
	 * compared as DynamoDB compares strings (by their UTF-8 bytes). It compares entities, so results are merged
	 * before they are projected, and a query that {@link #select selects} properties reads these too.
	 *
	 * @param comparator the ascending order
	 * @param properties the properties the sort key is rendered from
	 * @param <T> the result type
	 */
	record MergeOrder<T>(Comparator<T> comparator, List<String> properties) {

		/**
		 * Returns the ascending order of results by an index's sort key.
		 * @param entity the entity
		 * @param template the sort key template
		 * @param <T> the result type
		 * @return the order
		 */
		static <T> MergeOrder<T> of(SingleTablePersistentEntity<?> entity, KeyTemplate template) {
			Comparator<T> comparator = Comparator.comparing((T result) -> {
				var accessor = entity.getPropertyAccessor(result);
				String key = template
					.render((name) -> accessor.getProperty(entity.getRequiredPersistentProperty(name)));
				return (key != null) ? key.getBytes(StandardCharsets.UTF_8) : new byte[0];
			}, Arrays::compareUnsigned);
			return new MergeOrder<>(comparator, List.copyOf(template.getProperties()));
		}

	}

	/**
	 * Returns the distinct values of an {@code In} argument, checking that there are some and not too many.
	 * @param values the argument
	 * @param method the method, for messages
	 * @param property the property, for messages
	 * @return the values in their order
	 */
	static List<Object> partitionValues(@Nullable Object values, String method, String property) {
		List<Object> distinct = new ArrayList<>();
		Iterable<?> iterable = (values instanceof Object[] array) ? Arrays.asList(array)
				: (values instanceof Iterable<?> collection) ? collection : null;
		if (iterable != null) {
			for (Object value : iterable) {
				if (value == null) {
					throw new InvalidDataAccessApiUsageException(method + ": the In values for '" + property
							+ "' must not contain null");
				}
				if (!distinct.contains(value)) {
					distinct.add(value);
				}
			}
		}
		if (distinct.isEmpty()) {
			throw new InvalidDataAccessApiUsageException(method + ": In on '" + property
					+ "' needs a non-empty collection of values");
		}
		if (distinct.size() > MAX_PARTITIONS) {
			throw new InvalidDataAccessApiUsageException(method + ": In on the partition property '" + property
					+ "' reads one partition per value, at most " + MAX_PARTITIONS + ", but got " + distinct.size()
					+ " values; split the call, or declare an index that groups these items under one partition");
		}
		return distinct;
	}

	@Override
	public SingleTableQuery<T> index(String index) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> table() {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> id(String id) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> partition(Object value) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortEquals(Object value) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortLessThan(Object value) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortLessThanOrEqual(Object value) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortGreaterThan(Object value) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortGreaterThanOrEqual(Object value) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortBetween(Object low, Object high) {
		throw fixed();
	}

	@Override
	public SingleTableQuery<T> sortBeginsWith(String prefix) {
		throw fixed();
	}

	private static IllegalStateException fixed() {
		return new IllegalStateException("The index, partitions and sort key condition of an In query are fixed");
	}

	@Override
	public SingleTableQuery<T> ascending() {
		this.queries.forEach(SingleTableQuery::ascending);
		this.ascending = true;
		return this;
	}

	@Override
	public SingleTableQuery<T> descending() {
		this.queries.forEach(SingleTableQuery::descending);
		this.ascending = false;
		return this;
	}

	@Override
	public SingleTableQuery<T> consistentRead() {
		this.queries.forEach(SingleTableQuery::consistentRead);
		return this;
	}

	@Override
	public SingleTableQuery<T> filter(Filter filter) {
		this.queries.forEach((query) -> query.filter(filter));
		return this;
	}

	@Override
	public SingleTableQuery<T> where(Predicate<? super T> predicate) {
		this.queries.forEach((query) -> query.where(predicate));
		return this;
	}

	@Override
	public SingleTableQuery<T> where(Filter filter) {
		this.queries.forEach((query) -> query.where(filter));
		return this;
	}

	/** Selects the properties in every partition, with those the merge order is rendered from. */
	@Override
	public SingleTableQuery<T> select(String... properties) {
		Set<String> selected = new LinkedHashSet<>(Arrays.asList(properties));
		if (!selected.isEmpty() && this.order != null) {
			selected.addAll(this.order.properties());
		}
		String[] names = selected.toArray(String[]::new);
		this.queries.forEach((query) -> query.select(names));
		return this;
	}

	@Override
	public SingleTableQuery<T> limit(int limit) {
		this.cap = limit;
		return this;
	}

	@Override
	public SingleTableQuery<T> offset(long offset) {
		this.offset = offset;
		return this;
	}

	@Override
	public SingleTableQuery<T> maxRequests(int maxRequests) {
		this.queries.forEach((query) -> query.maxRequests(maxRequests));
		return this;
	}

	@Override
	public QueryPage<T> page() {
		throw noCursors();
	}

	@Override
	public QueryPage<T> page(@Nullable String cursor) {
		throw noCursors();
	}

	@Override
	public QueryPage<T> pageBefore(@Nullable String cursor) {
		throw noCursors();
	}

	private static UnsupportedOperationException noCursors() {
		return new UnsupportedOperationException("An In query reads several partitions and has no cursor; read it "
				+ "as a List, Stream, Slice or Page");
	}

	@Override
	public Stream<T> stream() {
		if (this.cap != Long.MAX_VALUE) {
			// each partition may supply every result up to the end of the merged ones
			int partitionLimit = (int) Math.min(Integer.MAX_VALUE, this.offset + this.cap);
			this.queries.forEach((query) -> query.limit(partitionLimit));
		}
		List<Stream<T>> streams = new ArrayList<>();
		this.queries.forEach((query) -> streams.add(query.stream()));
		Runnable close = () -> streams.forEach(Stream::close);
		try {
			List<Iterator<T>> iterators = streams.stream().map(Stream::iterator).toList();
			// the first request of every partition in parallel; each iterator is then used by this thread only
			inParallel(iterators.stream().<Callable<Boolean>>map((iterator) -> iterator::hasNext).toList());
			Iterator<T> merged = (this.order != null) ? new MergingIterator<>(iterators,
					this.ascending ? this.order.comparator() : this.order.comparator().reversed())
					: concatenation(iterators);
			Stream<T> results = StreamSupport
				.stream(Spliterators.spliteratorUnknownSize(merged, Spliterator.ORDERED | Spliterator.NONNULL), false)
				.onClose(close);
			results = results.skip(this.offset);
			return (this.cap != Long.MAX_VALUE) ? results.limit(this.cap) : results;
		}
		catch (RuntimeException | Error ex) {
			close.run();
			throw ex;
		}
	}

	/** Adds up the partitions' counts, capped by the {@link #limit(int) limit}; the offset does not apply. */
	@Override
	public long count() {
		long count = 0;
		for (long partition : inParallel(this.queries.stream().<Callable<Long>>map((query) -> query::count).toList())) {
			count += partition;
		}
		return (this.cap != Long.MAX_VALUE) ? Math.min(count, this.cap) : count;
	}

	@Override
	public Optional<T> first() {
		limit(1);
		try (Stream<T> results = stream()) {
			return results.findFirst();
		}
	}

	private static <T> Iterator<T> concatenation(List<Iterator<T>> iterators) {
		return iterators.stream().flatMap((iterator) -> StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)).iterator();
	}

	/** Runs the tasks on the shared readers, returning their results in order or rethrowing the first failure. */
	private static <R> List<R> inParallel(List<Callable<R>> tasks) {
		List<Future<R>> futures = new ArrayList<>();
		tasks.forEach((task) -> futures.add(READERS.submit(task)));
		List<R> results = new ArrayList<>();
		try {
			for (Future<R> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		catch (InterruptedException ex) {
			futures.forEach((future) -> future.cancel(true));
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the partitions of an In query", ex);
		}
		catch (ExecutionException ex) {
			futures.forEach((future) -> future.cancel(true));
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static ExecutorService readers() {
		AtomicInteger threads = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_PARALLEL_READS, MAX_PARALLEL_READS, 30,
				TimeUnit.SECONDS, new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "singletable-in-" + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * A k-way merge of sorted iterators; equal keys keep the order of the partitions.
	 */
	private static final class MergingIterator<T> implements Iterator<T> {

		private final List<Iterator<T>> iterators;

		private final PriorityQueue<Head<T>> heads;

		MergingIterator(List<Iterator<T>> iterators, Comparator<T> order) {
			this.iterators = iterators;
			this.heads = new PriorityQueue<>(Math.max(1, iterators.size()),
					Comparator.<Head<T>, T>comparing(Head::value, order).thenComparingInt(Head::source));
			for (int i = 0; i < iterators.size(); i++) {
				advance(i);
			}
		}

		private void advance(int source) {
			Iterator<T> iterator = this.iterators.get(source);
			if (iterator.hasNext()) {
				this.heads.add(new Head<>(iterator.next(), source));
			}
		}

		@Override
		public boolean hasNext() {
			return !this.heads.isEmpty();
		}

		@Override
		public T next() {
			Head<T> head = this.heads.poll();
			if (head == null) {
				throw new NoSuchElementException();
			}
			advance(head.source());
			return head.value();
		}

	}

	private record Head<T>(T value, int source) {
	}

}
