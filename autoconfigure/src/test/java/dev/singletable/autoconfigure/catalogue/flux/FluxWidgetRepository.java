package dev.singletable.autoconfigure.catalogue.flux;

import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.repository.SingleTableRepository;
import reactor.core.publisher.Flux;

/** A blocking repository with a method returning a Flux, which only a reactive repository returns. */
public interface FluxWidgetRepository extends SingleTableRepository<Widget> {

	Flux<Widget> findByColor(String color);

}
