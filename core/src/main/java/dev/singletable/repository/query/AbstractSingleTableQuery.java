package dev.singletable.repository.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.support.PageableExecutionUtils;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.repository.Cursors;

/**
 * Runs a query method: builds a {@link SingleTableQuery} from the arguments and reads as the return type asks
 * ({@code List}, {@code Stream}, single or {@code Optional}, {@code Slice}, {@code Page}, {@code Window},
 * {@code boolean exists...}, {@code long count...}), or deletes what it reads ({@code deleteBy...}).
 */
abstract class AbstractSingleTableQuery implements RepositoryQuery {

	private final SingleTableQueryMethod method;

	private final SingleTableOperations operations;

	/** The projection of a method without a dynamic one, built (and so checked) at startup. */
	private final @Nullable ResultProjection projection;

	AbstractSingleTableQuery(SingleTableQueryMethod method, SingleTableOperations operations) {
		this.method = method;
		this.operations = operations;
		this.projection = method.getParameters().hasDynamicProjection() ? null
				: projection(method.getResultProcessor());
	}

	private ResultProjection projection(ResultProcessor processor) {
		return new ResultProjection(processor, this.method.getProjectionFactory(),
				this.operations.getConverter().getRequiredEntity(this.method.getEntityInformation().getJavaType()));
	}

	@Override
	public SingleTableQueryMethod getQueryMethod() {
		return this.method;
	}

	SingleTableOperations getOperations() {
		return this.operations;
	}

	/**
	 * Creates the query for the given arguments, with key conditions and filters applied.
	 * @param bindable the values of the bindable parameters, in order
	 * @param sort the dynamic sort, possibly unsorted
	 */
	protected abstract SingleTableQuery<Object> createQuery(Object[] bindable, Sort sort);

	/** Returns the fixed maximum number of results (from {@code First}/{@code Top}), or null. */
	protected @Nullable Integer getMaxResults() {
		return null;
	}

	protected boolean isCountQuery() {
		return false;
	}

	protected boolean isExistsQuery() {
		return false;
	}

	/** Whether the method deletes what it reads ({@code deleteBy...}, {@code removeBy...}). */
	protected boolean isDeleteQuery() {
		return false;
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		ParametersParameterAccessor accessor = new ParametersParameterAccessor(this.method.getParameters(), parameters);
		List<Object> bindable = new ArrayList<>();
		for (Object value : accessor) {
			bindable.add(value);
		}
		Sort sort = accessor.getSort();
		SingleTableQuery<Object> query = createQuery(bindable.toArray(), sort);
		Integer max = getMaxResults();
		int cap = Integer.MAX_VALUE;
		if (max != null) {
			cap = max;
		}
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
		if (isCountQuery()) {
			return query.count();
		}
		if (isExistsQuery()) {
			return query.first().isPresent();
		}
		if (isDeleteQuery()) {
			return delete(query, cap);
		}
		if (cap == 0) {
			return nothing(accessor);
		}
		ResultProjection projection = (this.projection != null) ? this.projection
				: projection(this.method.getResultProcessor().withDynamicProjection(accessor));
		if (!projection.properties().isEmpty()) {
			query.select(projection.properties().toArray(String[]::new));
		}
		if (this.method.isScrollQuery()) {
			return window(query, accessor.getScrollPosition(), (cap == Integer.MAX_VALUE) ? 20 : cap)
				.map(projection::project);
		}
		Pageable pageable = accessor.getPageable();
		if (this.method.isPageQuery()) {
			List<Object> content = project(slice(query, pageable, cap, false), projection);
			long total = cap;
			return PageableExecutionUtils.getPage(content, pageable,
					() -> Math.min(total, createQuery(bindable.toArray(), sort).count()));
		}
		if (this.method.isSliceQuery()) {
			List<Object> content = project(slice(query, pageable, cap, true), projection);
			boolean hasNext = pageable.isPaged() && content.size() > pageable.getPageSize();
			if (hasNext) {
				content = content.subList(0, pageable.getPageSize());
			}
			return new SliceImpl<>(content, pageable, hasNext);
		}
		if (cap != Integer.MAX_VALUE) {
			query.limit(cap);
		}
		if (this.method.isStreamQuery()) {
			return query.stream().map(projection::project);
		}
		if (this.method.isCollectionQuery()) {
			return project(query.all(), projection);
		}
		List<Object> results;
		try (Stream<Object> stream = query.limit(Math.min(cap, 2)).stream()) {
			results = stream.toList();
		}
		if (results.size() > 1 && cap > 1) {
			throw new IncorrectResultSizeDataAccessException(this.method.describe() + " expects at most one result",
					1, results.size());
		}
		return results.isEmpty() ? null : projection.project(results.get(0));
	}

	/** What the method returns for {@code Limit.of(0)}: no results, in its shape, without reading. */
	private @Nullable Object nothing(ParametersParameterAccessor accessor) {
		if (this.method.isScrollQuery()) {
			return Window.from(List.of(), (index) -> {
				throw new IndexOutOfBoundsException(index);
			}, false);
		}
		Pageable pageable = this.method.getParameters().hasPageableParameter() ? accessor.getPageable()
				: Pageable.unpaged();
		if (this.method.isPageQuery()) {
			return PageableExecutionUtils.getPage(List.of(), pageable, () -> 0L);
		}
		if (this.method.isSliceQuery()) {
			return new SliceImpl<>(List.of(), pageable, false);
		}
		if (this.method.isStreamQuery()) {
			return Stream.empty();
		}
		return this.method.isCollectionQuery() ? List.of() : null;
	}

	/**
	 * Reads the matching resources, then deletes each as read ({@code delete(entity)}: a versioned one changed
	 * since fails with a version conflict). Inside a transaction the deletes join it; otherwise each is sent on its
	 * own.
	 * @return nothing, the number deleted or the deleted entities, as the method returns
	 */
	private @Nullable Object delete(SingleTableQuery<Object> query, int cap) {
		if (cap != Integer.MAX_VALUE && cap > 0) {
			query.limit(cap);
		}
		List<Object> deleted = (cap == 0) ? List.of() : query.all();
		deleted.forEach(this.operations::delete);
		Class<?> type = this.method.getReturnedObjectType();
		if (this.method.isCollectionQuery()) {
			return deleted;
		}
		if (type == void.class || type == Void.class) {
			return null;
		}
		return (type == int.class || type == Integer.class) ? (Object) deleted.size() : (Object) (long) deleted.size();
	}

	private static List<Object> project(List<Object> results, ResultProjection projection) {
		return results.stream().map(projection::project).toList();
	}

	private List<Object> slice(SingleTableQuery<Object> query, Pageable pageable, int cap, boolean peek) {
		if (pageable.isUnpaged()) {
			if (cap != Integer.MAX_VALUE) {
				query.limit(cap);
			}
			return query.all();
		}
		long offset = pageable.getOffset();
		long wanted = Math.min(pageable.getPageSize() + (peek ? 1 : 0), Math.max(0, cap - offset));
		return (wanted > 0) ? query.offset(offset).limit((int) wanted).all() : List.of();
	}

	/**
	 * Reads a window. A keyset position holds a cursor (see {@link Cursors}): each element's position resumes
	 * right after it, or right before it when scrolling backward, where the window keeps the query's order. An
	 * offset position reads past the skipped results, as a {@code Pageable} does.
	 */
	private Window<Object> window(SingleTableQuery<Object> query, @Nullable ScrollPosition position, int size) {
		if (position instanceof OffsetScrollPosition offset) {
			long skip = offset.isInitial() ? 0 : offset.getOffset() + 1;
			List<Object> content = query.offset(skip).limit((int) Math.min(Integer.MAX_VALUE, size + 1L)).all();
			boolean hasNext = content.size() > size;
			return Window.from(hasNext ? content.subList(0, size) : content, offset.positionFunction(), hasNext);
		}
		boolean backward = position instanceof KeysetScrollPosition keyset && keyset.scrollsBackward();
		String cursor = (position != null) ? Cursors.cursor(position) : null;
		query.limit(size);
		QueryPage<Object> page = backward ? query.pageBefore(cursor) : query.page(cursor);
		List<String> cursors = page.cursors();
		IntFunction<ScrollPosition> positions = (index) -> Cursors.position(cursors.get(index), backward);
		return Window.from(page.items(), positions, page.hasNext());
	}

}
