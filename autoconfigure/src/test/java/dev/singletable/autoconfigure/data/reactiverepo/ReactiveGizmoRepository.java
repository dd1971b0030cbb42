package dev.singletable.autoconfigure.data.reactiverepo;

import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive repository of the same entity, in the same package.
 */
public interface ReactiveGizmoRepository extends ReactiveVersionedRepository<Gizmo> {

	Flux<Gizmo> findByColor(String color);

	Mono<Long> countByColor(String color);

}
