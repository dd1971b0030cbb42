package dev.singletable.autoconfigure.catalogue.reactivelist;

import java.util.List;

import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;

/** A reactive repository with a method returning a List, which a reactive repository cannot return. */
public interface ReactiveListWidgetRepository extends ReactiveSingleTableRepository<Widget> {

	List<Widget> findByColor(String color);

}
