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
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.ParametersParameterAccessor;
import org.springframework.transaction.IllegalTransactionStateException;

import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.spi.ReactiveWriteGuards;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableQuery;
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

	/** With a binding planned ahead of time (an AOT repository's). */
	ReactiveSingleTableRepositoryQuery(SingleTableQueryMethod method, ReactiveSingleTableOperations operations,
			SingleTablePersistentEntity<?> entity, QueryBinding binding) {
		super(method, entity, binding);
		this.operations = operations;
	}

	@Override
	public Object execute(Object[] parameters) {
		Object[] arguments = parameters.clone();
		if (binding().isDelete()) {
			// refused at the call inside a blocking singletable transaction, as every reactive write is
			IllegalTransactionStateException refused = ReactiveWriteGuards.refusal("delete",
					entity().getType());
			if (refused != null) {
				return getQueryMethod().isCollectionQuery() ? Flux.error(refused) : Mono.error(refused);
			}
		}
		if (getQueryMethod().isCollectionQuery()) {
			return Flux.defer(() -> Flux.from(publisher(arguments)));
		}
		return Mono.defer(() -> Mono.from(publisher(arguments)));
	}

	private Publisher<?> publisher(Object[] arguments) {
		return (Publisher<?>) Objects.requireNonNull(read(arguments));
	}

	/** The reactive template's query of the method's entity, reading a query value as it is. */
	@SuppressWarnings("unchecked")
	private ReactiveSingleTableQuery<Object> query(QueryDefinition spec) {
		return spec.applyTo((ReactiveSingleTableQuery<Object>) this.operations.query(entity().getType()));
	}

	/**
	 * Counts as a {@code long}, or as the {@code int} a method declares ({@code Mono<Integer>}, or {@code Int} from a
	 * Kotlin {@code suspend} function, whose result Spring Data does not convert).
	 */
	@Override
	Mono<? extends Number> count(QueryDefinition query) {
		Mono<Long> count = query(query).count();
		Class<?> type = getQueryMethod().getReturnedObjectType();
		return (type == int.class || type == Integer.class) ? count.map(Long::intValue) : count;
	}

	@Override
	Mono<Boolean> exists(QueryDefinition query) {
		return query(query).first().hasElement();
	}

	/** One after another, as the blocking method does; refused when subscribed inside a blocking transaction too. */
	@Override
	Publisher<?> delete(Call call) {
		Flux<Object> deleted = ReactiveWriteGuards.guardMany("delete", entity().getType(), () -> {
			Mono<List<Object>> read = (call.cap() == 0) ? Mono.just(List.of())
					: query(call.capped(call.query())).all().collectList();
			return read.flatMapMany(Flux::fromIterable)
				.concatMap((entity) -> this.operations.delete(entity).thenReturn(entity));
		});
		if (getQueryMethod().isCollectionQuery()) {
			return deleted;
		}
		return deleted.count().flatMap((count) -> Mono.justOrEmpty(deletedCount(count.intValue())));
	}

	@Override
	Publisher<?> nothing(ParametersParameterAccessor accessor) {
		Object container = emptyContainer(accessor);
		return (container != null) ? Mono.just(container) : Flux.empty();
	}

	/**
	 * Reads a window, as the blocking method does: a page at a keyset position's cursor (after it, or before it
	 * scrolling backward), or the results after an offset position.
	 */
	@Override
	Mono<Window<Object>> window(Call call) {
		ScrollPosition position = call.accessor().getScrollPosition();
		int size = call.windowSize();
		Mono<Window<Object>> window;
		if (position instanceof OffsetScrollPosition offset) {
			window = query(offsetRead(call.selected(), offset, size)).all()
				.collectList()
				.map((read) -> offsetWindow(read, offset, size));
		}
		else {
			boolean backward = isBackward(position);
			ReactiveSingleTableQuery<Object> query = query(call.selected().withLimit(size));
			window = (backward ? query.pageBefore(cursor(position)) : query.page(cursor(position)))
				.map((page) -> keysetWindow(page, backward));
		}
		return window.map((read) -> read.map((entity) -> project(call, entity)));
	}

	@Override
	Mono<Page<Object>> page(Call call) {
		Pageable pageable = call.accessor().getPageable();
		return results(pageRead(call, call.selected(), pageable, false)).map((entity) -> project(call, entity))
			.collectList()
			.flatMap((content) -> pageOf(content, pageable,
					query(call.query()).count().map((count) -> Math.min(call.cap(), count))));
	}

	@Override
	Mono<Slice<Object>> slice(Call call) {
		Pageable pageable = call.accessor().getPageable();
		return results(pageRead(call, call.selected(), pageable, true)).map((entity) -> project(call, entity))
			.collectList()
			.map((content) -> sliceOf(content, pageable));
	}

	/** Demand-driven: a page is read only when the subscriber asks for results the pages before do not hold. */
	@Override
	Flux<Object> all(Call call) {
		return results(pageRead(call, call.selected(), call.accessor().getPageable(), false))
			.map((entity) -> project(call, entity));
	}

	@Override
	Mono<Object> one(Call call) {
		return query(call.selected().withLimit(Math.min(call.cap(), 2))).all().collectList().flatMap((results) -> {
			if (results.size() > 1 && call.cap() > 1) {
				return Mono.error(new IncorrectResultSizeDataAccessException(
						getQueryMethod().describe() + " expects at most one result", 1, results.size()));
			}
			return results.isEmpty() ? Mono.empty() : Mono.just(project(call, results.get(0)));
		});
	}

	/** Reads what a page read asks for: nothing for no query. */
	private Flux<Object> results(@Nullable QueryDefinition spec) {
		return (spec != null) ? query(spec).all() : Flux.empty();
	}

	private static Object project(Call call, Object entity) {
		return Objects.requireNonNull(call.projection().project(entity));
	}

	/** The page of the content read, counting the total only when the content does not show it. */
	private static Mono<Page<Object>> pageOf(List<Object> content, Pageable pageable, Mono<Long> count) {
		Long shown = shownTotal(content, pageable);
		return ((shown != null) ? Mono.just(shown) : count)
			.map((total) -> new PageImpl<>(content, pageable, total));
	}

}
