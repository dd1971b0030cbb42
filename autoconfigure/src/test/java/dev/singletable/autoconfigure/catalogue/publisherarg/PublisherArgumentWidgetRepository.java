package dev.singletable.autoconfigure.catalogue.publisherarg;

import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A reactive repository with a method taking a Mono argument, where a query takes values. */
public interface PublisherArgumentWidgetRepository extends ReactiveSingleTableRepository<Widget> {

	Flux<Widget> findByColor(Mono<String> color);

}
