package dev.singletable.architecture;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ApiParity} names each asymmetry planted in a pair of nested interfaces (a method on one side only, a result
 * that blocks, a list that is a {@code Mono}, a parameter that differs) and passes a pair that is equal under its
 * rules, as {@link ApiParityTests} relies on.
 */
class ApiParityFailureTests {

	private static final Map<String, String> COUNTERPARTS = Map.of(BlockingWork.class.getName(),
			ReactiveWork.class.getName());

	@Test
	void eachPlantedAsymmetryIsNamed() {
		Map<String, String> asymmetries = ApiParity.asymmetries(BlockingPlanted.class, ReactivePlanted.class,
				COUNTERPARTS);
		assertThat(asymmetries).containsOnlyKeys("archive", "count", "findAll", "purge", "rename");
		assertThat(asymmetries.get("archive")).isEqualTo("only on BlockingPlanted: archive(java.lang.String)");
		assertThat(asymmetries.get("purge")).isEqualTo("only on ReactivePlanted: purge()");
		assertThat(asymmetries.get("count"))
			.isEqualTo("count() returns long on ReactivePlanted, expected reactor.core.publisher.Mono<java.lang.Long>");
		assertThat(asymmetries.get("findAll")).contains("findAll(java.util.Collection<java.lang.String>) returns "
				+ "reactor.core.publisher.Mono<java.util.List<T>> on ReactivePlanted, expected "
				+ "reactor.core.publisher.Flux<T>");
		assertThat(asymmetries.get("rename")).contains("only on BlockingPlanted: rename(java.lang.String, long)",
				"only on ReactivePlanted: rename(java.lang.String, int)");
	}

	@Test
	void anEqualPairHasNoAsymmetry() {
		assertThat(ApiParity.asymmetries(BlockingEqual.class, ReactiveEqual.class, COUNTERPARTS)).isEmpty();
	}

	/** A unit of work, blocking. */
	interface BlockingWork {

	}

	/** Its reactive counterpart. */
	interface ReactiveWork {

	}

	/** Blocking, with asymmetries planted against {@link ReactivePlanted}. */
	interface BlockingPlanted {

		<T> T create(T entity);

		long count();

		<T> List<T> findAll(Collection<String> ids);

		void archive(String id);

		void rename(String id, long version);

	}

	/** Reactive, with asymmetries planted against {@link BlockingPlanted}. */
	interface ReactivePlanted {

		<T> Mono<T> create(T entity);

		long count();

		<T> Mono<List<T>> findAll(Collection<String> ids);

		Mono<Void> purge();

		Mono<Void> rename(String id, int version);

	}

	/** Blocking, equal to {@link ReactiveEqual} under the rules. */
	interface BlockingEqual {

		String getName();

		<T> Optional<T> findById(Class<T> type, String id);

		<T> List<T> findAll(Class<T> type);

		boolean delete(String id);

		void run(Consumer<BlockingWork> work);

		BlockingWork work();

	}

	/** Reactive, equal to {@link BlockingEqual} under the rules. */
	interface ReactiveEqual {

		String getName();

		<T> Mono<T> findById(Class<T> type, String id);

		<T> Flux<T> findAll(Class<T> type);

		Mono<Boolean> delete(String id);

		Mono<Void> run(Consumer<ReactiveWork> work);

		ReactiveWork work();

	}

}
