package dev.singletable.repository.query;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.support.PageableExecutionUtils;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.internal.query.AbstractQueryBuilder;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.repository.Cursors;

/**
 * Runs a query method on the blocking template: has a {@link SingleTableQuery} read what the method's
 * {@link QueryBinding} bound for the call (with the call's page, offset, limit and projection) and reads as the
 * return type asks ({@code List}, {@code Stream}, single or {@code Optional},
 * {@code Slice}, {@code Page}, {@code Window}, {@code boolean exists...}, {@code long count...}), or deletes what it
 * reads ({@code deleteBy...}).
 */
class SingleTableRepositoryQuery extends AbstractSingleTableQuery {

	private final SingleTableOperations operations;

	SingleTableRepositoryQuery(SingleTableQueryMethod method, SingleTableOperations operations) {
		super(method, operations.getConverter().getRequiredEntity(method.getEntityInformation().getJavaType()));
		this.operations = operations;
	}

	/** The template's query of the method's entity, reading a query value as it is. */
	@SuppressWarnings("unchecked")
	private SingleTableQuery<Object> query(QuerySpec spec) {
		return AbstractQueryBuilder.reading((SingleTableQuery<Object>) this.operations.query(entity().getType()), spec);
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		SingleTableQueryMethod method = getQueryMethod();
		Call call = call(parameters);
		ParametersParameterAccessor accessor = call.accessor();
		QuerySpec bound = call.query();
		int cap = call.cap();
		if (binding().isCount()) {
			return query(bound).count();
		}
		if (binding().isExists()) {
			return query(bound).first().isPresent();
		}
		if (binding().isDelete()) {
			return delete(bound, cap);
		}
		if (cap == 0) {
			return nothing(accessor);
		}
		ResultProjection projection = call.projection();
		QuerySpec spec = call.selected();
		if (method.isScrollQuery()) {
			return window(spec, accessor.getScrollPosition(), call.windowSize())
				.map(projection::project);
		}
		Pageable pageable = accessor.getPageable();
		if (method.isPageQuery()) {
			List<Object> content = project(slice(spec, pageable, cap, false), projection);
			long total = cap;
			return PageableExecutionUtils.getPage(content, pageable,
					() -> Math.min(total, query(bound).count()));
		}
		if (method.isSliceQuery()) {
			List<Object> content = project(slice(spec, pageable, cap, true), projection);
			boolean hasNext = pageable.isPaged() && content.size() > pageable.getPageSize();
			if (hasNext) {
				content = content.subList(0, pageable.getPageSize());
			}
			return new SliceImpl<>(content, pageable, hasNext);
		}
		if (cap != UNCAPPED) {
			spec = spec.withLimit(cap);
		}
		if (method.isStreamQuery()) {
			return query(spec).stream().map(projection::project);
		}
		if (method.isCollectionQuery()) {
			// a Pageable argument reads its page, as it does for a Slice
			return project(pageable.isPaged() ? slice(spec, pageable, cap, false) : query(spec).all(), projection);
		}
		List<Object> results;
		try (Stream<Object> stream = query(spec.withLimit(Math.min(cap, 2))).stream()) {
			results = stream.toList();
		}
		if (results.size() > 1 && cap > 1) {
			throw new IncorrectResultSizeDataAccessException(method.describe() + " expects at most one result",
					1, results.size());
		}
		return results.isEmpty() ? null : projection.project(results.get(0));
	}

	/** What the method returns for {@code Limit.of(0)}: no results, in its shape, without reading. */
	private @Nullable Object nothing(ParametersParameterAccessor accessor) {
		if (getQueryMethod().isScrollQuery()) {
			return emptyWindow();
		}
		Pageable pageable = getQueryMethod().getParameters().hasPageableParameter() ? accessor.getPageable()
				: Pageable.unpaged();
		if (getQueryMethod().isPageQuery()) {
			return PageableExecutionUtils.getPage(List.of(), pageable, () -> 0L);
		}
		if (getQueryMethod().isSliceQuery()) {
			return new SliceImpl<>(List.of(), pageable, false);
		}
		if (getQueryMethod().isStreamQuery()) {
			return Stream.empty();
		}
		return getQueryMethod().isCollectionQuery() ? List.of() : null;
	}

	/**
	 * Reads the matching resources, then deletes each as read ({@code delete(entity)}: a versioned one changed
	 * since fails with a version conflict). Inside a transaction the deletes join it; otherwise each is sent on its
	 * own.
	 * @return nothing, the number deleted or the deleted entities, as the method returns
	 */
	private @Nullable Object delete(QuerySpec spec, int cap) {
		List<Object> deleted = (cap == 0) ? List.of() : query((cap != UNCAPPED) ? spec.withLimit(cap) : spec).all();
		deleted.forEach(this.operations::delete);
		return getQueryMethod().isCollectionQuery() ? deleted : deletedCount(deleted.size());
	}

	private static List<Object> project(List<Object> results, ResultProjection projection) {
		return results.stream().map(projection::project).toList();
	}

	private List<Object> slice(QuerySpec spec, Pageable pageable, int cap, boolean peek) {
		if (pageable.isUnpaged()) {
			return query((cap != UNCAPPED) ? spec.withLimit(cap) : spec).all();
		}
		long wanted = pageReads(pageable, cap, peek);
		return (wanted > 0) ? query(spec.withOffset(pageable.getOffset()).withLimit((int) wanted)).all() : List.of();
	}

	/**
	 * Reads a window. A keyset position holds a cursor (see {@link Cursors}): each element's position resumes
	 * right after it, or right before it when scrolling backward, where the window keeps the query's order. An
	 * offset position reads past the skipped results, as a {@code Pageable} does.
	 */
	private Window<Object> window(QuerySpec spec, @Nullable ScrollPosition position, int size) {
		if (position instanceof OffsetScrollPosition offset) {
			return offsetWindow(query(spec.withOffset(skipped(offset))
				.withLimit((int) Math.min(Integer.MAX_VALUE, size + 1L))).all(), offset, size);
		}
		boolean backward = isBackward(position);
		String cursor = (position != null) ? Cursors.cursor(position) : null;
		SingleTableQuery<Object> page = query(spec.withLimit(size));
		return keysetWindow(backward ? page.pageBefore(cursor) : page.page(cursor), backward);
	}

}
