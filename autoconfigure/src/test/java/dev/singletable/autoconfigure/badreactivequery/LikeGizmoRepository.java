package dev.singletable.autoconfigure.badreactivequery;

import dev.singletable.autoconfigure.data.reactiverepo.Gizmo;
import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import reactor.core.publisher.Flux;

/**
 * A reactive repository with a query method no index can serve: {@code Like} is no key condition.
 */
public interface LikeGizmoRepository extends ReactiveVersionedRepository<Gizmo> {

	Flux<Gizmo> findByColorLike(String pattern);

}
