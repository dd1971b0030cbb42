package dev.singletable.repository.query;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.data.support.PageableExecutionUtils;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
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

	/** With a binding planned ahead of time (an AOT repository's). */
	SingleTableRepositoryQuery(SingleTableQueryMethod method, SingleTableOperations operations,
			SingleTablePersistentEntity<?> entity, QueryBinding binding) {
		super(method, entity, binding);
		this.operations = operations;
	}

	/** The template's query of the method's entity, reading a query value as it is. */
	@SuppressWarnings("unchecked")
	private SingleTableQuery<Object> query(QueryDefinition spec) {
		return spec.applyTo((SingleTableQuery<Object>) this.operations.query(entity().getType()));
	}

	@Override
	public @Nullable Object execute(Object[] parameters) {
		return read(parameters);
	}

	@Override
	Object count(QueryDefinition query) {
		return query(query).count();
	}

	@Override
	Object exists(QueryDefinition query) {
		return query(query).first().isPresent();
	}

	/** Inside a transaction the deletes join it; otherwise each is sent on its own. */
	@Override
	@Nullable Object delete(Call call) {
		List<Object> deleted = (call.cap() == 0) ? List.of() : query(call.capped(call.query())).all();
		deleted.forEach(this.operations::delete);
		return getQueryMethod().isCollectionQuery() ? deleted : deletedCount(deleted.size());
	}

	@Override
	@Nullable Object nothing(ParametersParameterAccessor accessor) {
		Object container = emptyContainer(accessor);
		if (container != null) {
			return container;
		}
		if (getQueryMethod().isStreamQuery()) {
			return Stream.empty();
		}
		return getQueryMethod().isCollectionQuery() ? List.of() : null;
	}

	/**
	 * Reads a window. A keyset position holds a cursor (see {@link Cursors}): each element's position resumes
	 * right after it, or right before it when scrolling backward, where the window keeps the query's order. An
	 * offset position reads past the skipped results, as a {@code Pageable} does.
	 */
	@Override
	Object window(Call call) {
		ScrollPosition position = call.accessor().getScrollPosition();
		int size = call.windowSize();
		Window<Object> window;
		if (position instanceof OffsetScrollPosition offset) {
			window = offsetWindow(query(offsetRead(call.selected(), offset, size)).all(), offset, size);
		}
		else {
			boolean backward = isBackward(position);
			SingleTableQuery<Object> page = query(call.selected().withLimit(size));
			window = keysetWindow(backward ? page.pageBefore(cursor(position)) : page.page(cursor(position)), backward);
		}
		return window.map(call.projection()::project);
	}

	@Override
	Object page(Call call) {
		Pageable pageable = call.accessor().getPageable();
		List<Object> content = project(results(pageRead(call, call.selected(), pageable, false)), call.projection());
		long total = call.cap();
		return PageableExecutionUtils.getPage(content, pageable, () -> Math.min(total, query(call.query()).count()));
	}

	@Override
	Object slice(Call call) {
		Pageable pageable = call.accessor().getPageable();
		return sliceOf(project(results(pageRead(call, call.selected(), pageable, true)), call.projection()), pageable);
	}

	/** A {@code Stream} reads lazily; a collection reads its results, or the page a {@code Pageable} asks for. */
	@Override
	Object all(Call call) {
		if (getQueryMethod().isStreamQuery()) {
			return query(call.capped(call.selected())).stream().map(call.projection()::project);
		}
		return project(results(pageRead(call, call.selected(), call.accessor().getPageable(), false)), call.projection());
	}

	@Override
	@Nullable Object one(Call call) {
		List<Object> results;
		try (Stream<Object> stream = query(call.selected().withLimit(Math.min(call.cap(), 2))).stream()) {
			results = stream.toList();
		}
		if (results.size() > 1 && call.cap() > 1) {
			throw new IncorrectResultSizeDataAccessException(getQueryMethod().describe() + " expects at most one result",
					1, results.size());
		}
		return results.isEmpty() ? null : call.projection().project(results.get(0));
	}

	/** Reads what a page read asks for: nothing for no query. */
	private List<Object> results(@Nullable QueryDefinition spec) {
		return (spec != null) ? query(spec).all() : List.of();
	}

	private static List<Object> project(List<Object> results, ResultProjection projection) {
		return results.stream().map(projection::project).toList();
	}

}
