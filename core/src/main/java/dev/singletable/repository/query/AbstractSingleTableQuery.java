package dev.singletable.repository.query;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import java.util.function.IntFunction;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.Cursors;

/**
 * What the two APIs' query methods share besides the {@link QueryBinding}: the arguments of a call, its cap
 * ({@code First}/{@code Top} and a {@link Limit} parameter), the {@link ResultProjection} (built, and so
 * checked, at startup unless the method's projection is dynamic) and which read a call asks for
 * ({@link #read(Object[])}). {@link SingleTableRepositoryQuery} reads on the blocking template,
 * {@link ReactiveSingleTableRepositoryQuery} on the reactive one.
 */
abstract class AbstractSingleTableQuery implements RepositoryQuery {

	/** The cap of a call without one. */
	static final int UNCAPPED = Integer.MAX_VALUE;

	/** The size of the window of a scroll method without {@code Limit}, {@code First} or {@code Top}. */
	static final int DEFAULT_WINDOW_SIZE = 20;

	private final SingleTableQueryMethod method;

	private final QueryBinding binding;

	private final SingleTablePersistentEntity<?> entity;

	/** The projection of a method without a dynamic one, built (and so checked) at startup. */
	private final @Nullable ResultProjection projection;

	AbstractSingleTableQuery(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity) {
		this(method, entity, QueryBinding.of(method, entity));
	}

	/** With a binding planned ahead of time (an AOT repository's), not from the method. */
	AbstractSingleTableQuery(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity,
			QueryBinding binding) {
		this.method = method;
		this.entity = entity;
		this.binding = binding;
		this.projection = projection(method, entity);
	}

	/**
	 * Plans a query method as creating its query does (its binding and, unless dynamic, its projection), without a
	 * template: what refuses an underivable method before the application connects to anything.
	 * @param method the query method
	 * @param converter the converter of the template the repository will use
	 * @throws UnsupportedQueryMethodException when the method cannot be mapped onto an index
	 */
	static void check(SingleTableQueryMethod method, SingleTableConverter converter) {
		SingleTablePersistentEntity<?> entity = converter.getRequiredEntity(method.getEntityInformation().getJavaType());
		QueryBinding.of(method, entity);
		projection(method, entity);
	}

	private static @Nullable ResultProjection projection(SingleTableQueryMethod method,
			SingleTablePersistentEntity<?> entity) {
		return method.getParameters().hasDynamicProjection() ? null
				: new ResultProjection(method.getResultProcessor(), method.getProjectionFactory(), entity);
	}

	@Override
	public SingleTableQueryMethod getQueryMethod() {
		return this.method;
	}

	QueryBinding binding() {
		return this.binding;
	}

	SingleTablePersistentEntity<?> entity() {
		return this.entity;
	}

	/**
	 * Reads the arguments of a call and binds them into the method's query.
	 * @param parameters the arguments
	 * @return the call
	 */
	Call call(Object[] parameters) {
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(this.method.getParameters(), parameters);
		List<Object> bindable = new ArrayList<>();
		for (Object value : accessor) {
			bindable.add(value);
		}
		Integer max = this.binding.maxResults();
		int cap = (max != null) ? max : UNCAPPED;
		if (this.method.getParameters().hasLimitParameter()) {
			Limit limit = accessor.getLimit();
			if (limit.isLimited()) {
				if (limit.max() < 0) {
					throw new IllegalArgumentException(this.method.describe() + ": a Limit must not be negative, got "
							+ limit.max());
				}
				cap = Math.min(cap, limit.max());
			}
		}
		ResultProjection projection = (this.projection != null) ? this.projection
				: new ResultProjection(this.method.getResultProcessor().withDynamicProjection(accessor),
						this.method.getProjectionFactory(), this.entity);
		return new Call(accessor, this.binding.bind(bindable.toArray(), accessor.getSort()), cap, projection);
	}

	/**
	 * Runs a call: binds its arguments, then reads as the method asks, by its binding ({@code countBy...},
	 * {@code existsBy...}, {@code deleteBy...}) or else by its return type.
	 * @param parameters the arguments
	 * @return what the method returns
	 */
	@Nullable Object read(Object[] parameters) {
		Call call = call(parameters);
		if (this.binding.isCount()) {
			return count(call.query());
		}
		if (this.binding.isExists()) {
			return exists(call.query());
		}
		if (this.binding.isDelete()) {
			return delete(call);
		}
		if (call.cap() == 0) {
			return nothing(call.accessor());
		}
		if (this.method.isScrollQuery()) {
			return window(call);
		}
		if (this.method.isPageQuery()) {
			return page(call);
		}
		if (this.method.isSliceQuery()) {
			return slice(call);
		}
		return (this.method.returnsJavaStream() || this.method.isCollectionQuery()) ? all(call) : one(call);
	}

	/** Counts what the query matches ({@code countBy...}). */
	abstract Object count(QueryDefinition query);

	/** Whether the query matches anything ({@code existsBy...}). */
	abstract Object exists(QueryDefinition query);

	/**
	 * Reads the matching resources, then deletes each as read ({@code delete(entity)}: a versioned one changed
	 * since fails with a version conflict).
	 * @return the deleted entities, or nothing or how many, as the method returns
	 */
	abstract @Nullable Object delete(Call call);

	/** What the method returns for {@code Limit.of(0)}: no results, in its shape, without reading. */
	abstract @Nullable Object nothing(ParametersParameterAccessor accessor);

	/** Reads a {@code Window} at the call's scroll position. */
	abstract Object window(Call call);

	/** Reads a {@code Page}, counting the total only when the content does not show it. */
	abstract Object page(Call call);

	/** Reads a {@code Slice}, and one result more to see whether another slice follows. */
	abstract Object slice(Call call);

	/** Reads the results, or the page of them a {@code Pageable} argument asks for. */
	abstract Object all(Call call);

	/** Reads at most one result, failing for more. */
	abstract @Nullable Object one(Call call);

	/**
	 * Returns the empty window, page or slice a method returns for {@code Limit.of(0)}.
	 * @return the empty container, or {@literal null} when the method returns none of these
	 */
	@Nullable Object emptyContainer(ParametersParameterAccessor accessor) {
		if (this.method.isScrollQuery()) {
			return emptyWindow();
		}
		Pageable pageable = this.method.getParameters().hasPageableParameter() ? accessor.getPageable()
				: Pageable.unpaged();
		if (this.method.isPageQuery()) {
			return new PageImpl<>(List.of(), pageable, 0);
		}
		return this.method.isSliceQuery() ? new SliceImpl<>(List.of(), pageable, false) : null;
	}

	/**
	 * Returns the query reading a page or slice: the page's results after its offset, all of them (up to the cap)
	 * unpaged.
	 * @param pageable the page asked for
	 * @param peek whether to read one more, to see whether another follows
	 * @return the query, or {@literal null} when the cap leaves nothing to read
	 */
	static @Nullable QueryDefinition pageRead(Call call, QueryDefinition spec, Pageable pageable, boolean peek) {
		if (pageable.isUnpaged()) {
			return call.capped(spec);
		}
		long wanted = pageReads(pageable, call.cap(), peek);
		return (wanted > 0) ? spec.withOffset(pageable.getOffset()).withLimit((int) wanted) : null;
	}

	/** Returns the slice of the results read for it, one more than it holds when another follows. */
	static <R> Slice<R> sliceOf(List<R> read, Pageable pageable) {
		boolean hasNext = pageable.isPaged() && read.size() > pageable.getPageSize();
		return new SliceImpl<>(hasNext ? read.subList(0, pageable.getPageSize()) : read, pageable, hasNext);
	}

	/** Returns the query reading the window after an offset position, one result more to see whether another follows. */
	static QueryDefinition offsetRead(QueryDefinition spec, OffsetScrollPosition offset, int size) {
		return spec.withOffset(skipped(offset)).withLimit((int) Math.min(Integer.MAX_VALUE, size + 1L));
	}

	/** Returns the cursor a keyset position resumes from, {@literal null} for the first page. */
	static @Nullable String cursor(@Nullable ScrollPosition position) {
		return (position != null) ? Cursors.cursor(position) : null;
	}

	/**
	 * Returns how many results a page or slice reads: the page's size (one more for a slice, to see whether another
	 * follows), at most what the cap leaves after the page's offset.
	 * @param pageable a paged request
	 * @param cap the call's cap
	 * @param peek whether to read one more
	 * @return the number of results to read, possibly 0
	 */
	static long pageReads(Pageable pageable, int cap, boolean peek) {
		return Math.min(pageable.getPageSize() + (peek ? 1 : 0), Math.max(0, cap - pageable.getOffset()));
	}

	/**
	 * Returns the total a page's content shows without counting (as {@code PageableExecutionUtils} decides): an
	 * unpaged or short first page, or a short page that is not empty.
	 * @param content the page's content
	 * @param pageable the page asked for
	 * @return the total, or {@literal null} when it must be counted
	 */
	static @Nullable Long shownTotal(List<?> content, Pageable pageable) {
		if (pageable.isUnpaged()) {
			return (long) content.size();
		}
		if (pageable.getOffset() == 0) {
			return (pageable.getPageSize() > content.size()) ? (long) content.size() : null;
		}
		return (!content.isEmpty() && pageable.getPageSize() > content.size())
				? pageable.getOffset() + content.size() : null;
	}

	/** Returns the results to skip for an offset position: the ones up to and including its own. */
	static long skipped(OffsetScrollPosition offset) {
		return offset.isInitial() ? 0 : offset.getOffset() + 1;
	}

	/**
	 * Returns the window of an offset position from the results read after it (one more than the window holds, to
	 * see whether another follows).
	 */
	static <R> Window<R> offsetWindow(List<R> read, OffsetScrollPosition offset, int size) {
		boolean hasNext = read.size() > size;
		return Window.from(hasNext ? read.subList(0, size) : read, offset.positionFunction(), hasNext);
	}

	/**
	 * Returns the window of a page read at a keyset position: each element's position resumes right after it, or
	 * right before it when scrolling backward, where the window keeps the query's order.
	 */
	static <R> Window<R> keysetWindow(QueryPage<R> page, boolean backward) {
		List<String> cursors = page.cursors();
		IntFunction<ScrollPosition> positions = (index) -> Cursors.position(cursors.get(index), backward);
		return Window.from(page.items(), positions, page.hasNext());
	}

	/** Returns the window of no results. */
	static <R> Window<R> emptyWindow() {
		return Window.from(List.of(), (index) -> {
			throw new IndexOutOfBoundsException(index);
		}, false);
	}

	/** Whether a position scrolls backward from a cursor. */
	static boolean isBackward(@Nullable ScrollPosition position) {
		return position instanceof KeysetScrollPosition keyset && keyset.scrollsBackward();
	}

	/**
	 * Returns what a derived delete returns for the entities it deleted, unless it returns them: nothing (also for a
	 * Kotlin {@code suspend} function returning {@code Unit}), or how many as an {@code int} or {@code long}.
	 */
	@Nullable Object deletedCount(int deleted) {
		if (this.method.returnsNothing()) {
			return null;
		}
		Class<?> type = this.method.getReturnedObjectType();
		return (type == int.class || type == Integer.class) ? (Object) deleted : (Object) (long) deleted;
	}

	/**
	 * One call of the method.
	 *
	 * @param accessor its arguments
	 * @param query what it reads: the method's plan with the arguments bound
	 * @param cap the most results it returns ({@link #UNCAPPED} for no cap)
	 * @param projection what turns each entity into a result
	 */
	record Call(ParametersParameterAccessor accessor, QueryDefinition query, int cap, ResultProjection projection) {

		boolean capped() {
			return this.cap != UNCAPPED;
		}

		/** The query limited to the call's cap, if it has one. */
		QueryDefinition capped(QueryDefinition spec) {
			return capped() ? spec.withLimit(this.cap) : spec;
		}

		/** The size of the window a scroll method reads: its cap, else {@value AbstractSingleTableQuery#DEFAULT_WINDOW_SIZE}. */
		int windowSize() {
			return capped() ? this.cap : DEFAULT_WINDOW_SIZE;
		}

		/** The query reading only what a closed projection needs, where the type allows. */
		QueryDefinition selected() {
			List<String> properties = this.projection.properties();
			return properties.isEmpty() ? this.query : this.query.withProperties(properties.toArray(String[]::new));
		}

	}

}
