package dev.singletable.repository.query;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import java.util.function.IntFunction;

import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.Cursors;

/**
 * What the two APIs' query methods share besides the {@link QueryBinding}: the arguments of a call, its cap
 * ({@code First}/{@code Top} and a {@link Limit} parameter) and the {@link ResultProjection} (built, and so
 * checked, at startup unless the method's projection is dynamic). {@link SingleTableRepositoryQuery} executes on
 * the blocking template, {@link ReactiveSingleTableRepositoryQuery} on the reactive one.
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
		this.method = method;
		this.entity = entity;
		this.binding = QueryBinding.of(method, entity);
		this.projection = projection(method, entity);
	}

	/**
	 * Plans a query method as creating its query does (its binding and, unless dynamic, its projection), without a
	 * template: what refuses an underivable method before the application connects to anything.
	 * @param method the query method
	 * @param entity its entity
	 * @throws UnsupportedQueryMethodException when the method cannot be mapped onto an index
	 */
	static void check(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity) {
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
	 * Returns what a derived delete returns for the entities it deleted, unless it returns them: nothing, or how
	 * many as an {@code int} or {@code long}.
	 */
	@Nullable Object deletedCount(int deleted) {
		Class<?> type = this.method.getReturnedObjectType();
		if (type == void.class || type == Void.class) {
			return null;
		}
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
	record Call(ParametersParameterAccessor accessor, QuerySpec query, int cap, ResultProjection projection) {

		boolean capped() {
			return this.cap != UNCAPPED;
		}

		/** The size of the window a scroll method reads: its cap, else {@value AbstractSingleTableQuery#DEFAULT_WINDOW_SIZE}. */
		int windowSize() {
			return capped() ? this.cap : DEFAULT_WINDOW_SIZE;
		}

		/** The query reading only what a closed projection needs, where the type allows. */
		QuerySpec selected() {
			List<String> properties = this.projection.properties();
			return properties.isEmpty() ? this.query : this.query.withProperties(properties.toArray(String[]::new));
		}

	}

}
