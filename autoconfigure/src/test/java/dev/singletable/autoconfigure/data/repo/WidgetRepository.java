package dev.singletable.autoconfigure.data.repo;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface WidgetRepository extends VersionedRepository<Widget> {

	List<Widget> findByColor(String color);

}
