package dev.singletable.core.reactive;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.micrometer.observation.Observation;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.execution.ReactiveObservations;
import reactor.util.context.Context;

/**
 * The queries and the operation in a parent observation that {@link ObservationBehaviourSuite} runs besides the
 * {@link TemplateOps}, on either API: the blocking template's as they are, the reactive template's blocked on in the
 * test (and only there).
 */
interface ObservedOps {

	/** The items of the first page of a type listing of {@code limit} results. */
	<T> List<T> page(Class<T> type, int limit);

	/** Every result of a query of an index's partition, read as a stream ({@code all()}). */
	<T> List<T> all(Class<T> type, String index, String partition);

	<T> long count(Class<T> type);

	<T> Optional<T> first(Class<T> type);

	/** The first result of a type listing read as a stream; then the caller stops reading. */
	<T> Optional<T> firstThenStop(Class<T> type);

	/**
	 * Creates an entity while {@code parent} is the current observation: in its scope on the blocking API, in the
	 * Reactor context (and no scope on any thread) on the reactive one.
	 */
	<T> T createWithin(Observation parent, T entity);

	/** {@link #all} while {@code parent} is the current observation, as {@link #createWithin} runs. */
	<T> List<T> allWithin(Observation parent, Class<T> type, String index, String partition);

	static ObservedOps blocking(SingleTableTemplate template) {
		return new ObservedOps() {

			@Override
			public <T> List<T> page(Class<T> type, int limit) {
				return template.query(type).limit(limit).page().items();
			}

			@Override
			public <T> List<T> all(Class<T> type, String index, String partition) {
				return template.query(type).index(index).partition(partition).all();
			}

			@Override
			public <T> long count(Class<T> type) {
				return template.query(type).count();
			}

			@Override
			public <T> Optional<T> first(Class<T> type) {
				return template.query(type).first();
			}

			@Override
			public <T> Optional<T> firstThenStop(Class<T> type) {
				try (Stream<T> results = template.query(type).stream()) {
					return results.findFirst();
				}
			}

			@Override
			public <T> T createWithin(Observation parent, T entity) {
				return parent.observe(() -> template.create(entity));
			}

			@Override
			public <T> List<T> allWithin(Observation parent, Class<T> type, String index, String partition) {
				return parent.observe(() -> all(type, index, partition));
			}

		};
	}

	static ObservedOps reactive(ReactiveSingleTableTemplate template) {
		return new ObservedOps() {

			@Override
			public <T> List<T> page(Class<T> type, int limit) {
				return template.query(type).limit(limit).page().block().items();
			}

			@Override
			public <T> List<T> all(Class<T> type, String index, String partition) {
				return template.query(type).index(index).partition(partition).all().collectList().block();
			}

			@Override
			public <T> long count(Class<T> type) {
				return template.query(type).count().block();
			}

			@Override
			public <T> Optional<T> first(Class<T> type) {
				return template.query(type).first().blockOptional();
			}

			@Override
			public <T> Optional<T> firstThenStop(Class<T> type) {
				return template.query(type).all().next().blockOptional();
			}

			@Override
			public <T> T createWithin(Observation parent, T entity) {
				return template.create(entity)
					.contextWrite(Context.of(ReactiveObservations.PARENT_KEY, parent))
					.block();
			}

			@Override
			public <T> List<T> allWithin(Observation parent, Class<T> type, String index, String partition) {
				return template.query(type).index(index).partition(partition).all()
					.contextWrite(Context.of(ReactiveObservations.PARENT_KEY, parent))
					.collectList()
					.block();
			}

		};
	}

}
