package dev.singletable.repository.query;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.transaction.IllegalTransactionStateException;

import dev.singletable.core.internal.query.AbstractQueryBuilder;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.internal.reactive.BlockingTransactionGuard;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableQuery;
import dev.singletable.repository.Cursors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a query method of a reactive repository on the reactive template: a {@link ReactiveSingleTableQuery} reads
 * what the method's {@link QueryBinding} (the blocking repositories' planning) bound for the call, and the return
 * type says how it is read
 * — {@code Flux} (demand-driven: a page is read only when the subscriber asks for results the pages before do not
 * hold, and cancelling stops the reading), {@code Mono} of one result, of a count, of whether results exist, of a
 * {@code Window}, {@code Slice} or {@code Page} — or the method deletes what it reads ({@code deleteBy...}).
 * Nothing is read before the result is subscribed; a bad argument is its error signal.
 */
final class ReactiveSingleTableRepositoryQuery extends AbstractSingleTableQuery {

	private final ReactiveSingleTableOperations operations;

	ReactiveSingleTableRepositoryQuery(ReactiveSingleTableQueryMethod method, ReactiveSingleTableOperations operations) {
		super(method, operations.getConverter().getRequiredEntity(method.getEntityInformation().getJavaType()));
		this.operations = operations;
	}

	@Override
	public Object execute(Object[] parameters) {
		Object[] arguments = parameters.clone();
		if (binding().isDelete()) {
			// refused at the call inside a blocking singletable transaction, as every reactive write is
			IllegalTransactionStateException refused = BlockingTransactionGuard.refusal("delete",
					entity().getType());
			if (refused != null) {
				return getQueryMethod().isCollectionQuery() ? Flux.error(refused) : Mono.error(refused);
			}
		}
		if (getQueryMethod().isCollectionQuery()) {
			return Flux.defer(() -> Flux.from(run(arguments)));
		}
		return Mono.defer(() -> Mono.from(run(arguments)));
	}

	/** The reactive template's query of the method's entity, reading a query value as it is. */
	@SuppressWarnings("unchecked")
	private ReactiveSingleTableQuery<Object> query(QuerySpec spec) {
		return AbstractQueryBuilder.reading(
				(ReactiveSingleTableQuery<Object>) this.operations.query(entity().getType()), spec);
	}

	private Publisher<?> run(Object[] parameters) {
		SingleTableQueryMethod method = getQueryMethod();
		Call call = call(parameters);
		ParametersParameterAccessor accessor = call.accessor();
		QuerySpec bound = call.query();
		int cap = call.cap();
		if (binding().isCount()) {
			return query(bound).count();
		}
		if (binding().isExists()) {
			return query(bound).first().hasElement();
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
				.map((window) -> window.map((entity) -> project(projection, entity)));
		}
		Pageable pageable = accessor.getPageable();
		if (method.isPageQuery()) {
			return slice(spec, pageable, cap, false).map((entity) -> project(projection, entity))
				.collectList()
				.flatMap((content) -> page(content, pageable,
						query(bound).count().map((count) -> Math.min(cap, count))));
		}
		if (method.isSliceQuery()) {
			return slice(spec, pageable, cap, true).map((entity) -> project(projection, entity))
				.collectList()
				.map((content) -> {
					boolean hasNext = pageable.isPaged() && content.size() > pageable.getPageSize();
					return new SliceImpl<>(hasNext ? content.subList(0, pageable.getPageSize()) : content, pageable,
							hasNext);
				});
		}
		if (method.isCollectionQuery()) {
			// a Pageable argument reads its page, as it does for a Slice
			return slice(spec, pageable, cap, false).map((entity) -> project(projection, entity));
		}
		return query(spec.withLimit(Math.min(cap, 2))).all().collectList().flatMap((results) -> {
			if (results.size() > 1 && cap > 1) {
				return Mono.error(new IncorrectResultSizeDataAccessException(
						method.describe() + " expects at most one result", 1, results.size()));
			}
			return results.isEmpty() ? Mono.empty() : Mono.just(project(projection, results.get(0)));
		});
	}

	private static Object project(ResultProjection projection, Object entity) {
		return Objects.requireNonNull(projection.project(entity));
	}

	/** What the method returns for {@code Limit.of(0)}: no results, in its shape, without reading. */
	private Publisher<?> nothing(ParametersParameterAccessor accessor) {
		SingleTableQueryMethod method = getQueryMethod();
		if (method.isScrollQuery()) {
			return Mono.just(emptyWindow());
		}
		Pageable pageable = method.getParameters().hasPageableParameter() ? accessor.getPageable()
				: Pageable.unpaged();
		if (method.isPageQuery()) {
			return Mono.just(new PageImpl<>(List.of(), pageable, 0));
		}
		if (method.isSliceQuery()) {
			return Mono.just(new SliceImpl<>(List.of(), pageable, false));
		}
		return Flux.empty();
	}

	/** The page of the content read, counting the total only when the content does not show it. */
	private static Mono<Page<Object>> page(List<Object> content, Pageable pageable, Mono<Long> count) {
		Long shown = shownTotal(content, pageable);
		return ((shown != null) ? Mono.just(shown) : count)
			.map((total) -> new PageImpl<>(content, pageable, total));
	}

	/**
	 * Reads the matching resources, then deletes each as read, one after another, as the blocking method does
	 * ({@code delete(entity)}: a versioned one changed since fails with a version conflict).
	 * @return the deleted entities, or nothing or how many, as the method returns
	 */
	private Publisher<?> delete(QuerySpec spec, int cap) {
		// refused when subscribed inside a blocking singletable transaction too
		Flux<Object> deleted = BlockingTransactionGuard.guardMany("delete", entity().getType(), () -> {
			Mono<List<Object>> read = (cap == 0) ? Mono.just(List.of())
					: query((cap != UNCAPPED) ? spec.withLimit(cap) : spec).all().collectList();
			return read.flatMapMany(Flux::fromIterable)
				.concatMap((entity) -> this.operations.delete(entity).thenReturn(entity));
		});
		if (getQueryMethod().isCollectionQuery()) {
			return deleted;
		}
		return deleted.count().flatMap((count) -> Mono.justOrEmpty(deletedCount(count.intValue())));
	}

	private Flux<Object> slice(QuerySpec spec, Pageable pageable, int cap, boolean peek) {
		if (pageable.isUnpaged()) {
			return query((cap != UNCAPPED) ? spec.withLimit(cap) : spec).all();
		}
		long wanted = pageReads(pageable, cap, peek);
		return (wanted > 0) ? query(spec.withOffset(pageable.getOffset()).withLimit((int) wanted)).all()
				: Flux.empty();
	}

	/**
	 * Reads a window, as the blocking method does: a page at a keyset position's cursor (after it, or before it
	 * scrolling backward), or the results after an offset position.
	 */
	private Mono<Window<Object>> window(QuerySpec spec, @Nullable ScrollPosition position, int size) {
		if (position instanceof OffsetScrollPosition offset) {
			return query(spec.withOffset(skipped(offset)).withLimit((int) Math.min(Integer.MAX_VALUE, size + 1L)))
				.all()
				.collectList()
				.map((read) -> offsetWindow(read, offset, size));
		}
		boolean backward = isBackward(position);
		String cursor = (position != null) ? Cursors.cursor(position) : null;
		ReactiveSingleTableQuery<Object> query = query(spec.withLimit(size));
		return (backward ? query.pageBefore(cursor) : query.page(cursor)).map((page) -> keysetWindow(page, backward));
	}

}
