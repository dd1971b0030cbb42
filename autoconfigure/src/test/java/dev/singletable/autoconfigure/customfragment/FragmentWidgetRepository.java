package dev.singletable.autoconfigure.customfragment;

import java.util.List;

import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.repository.VersionedRepository;

/**
 * A repository with a derived query method and a fragment implemented by hand.
 */
public interface FragmentWidgetRepository extends VersionedRepository<Widget>, WidgetLookups {

	List<Widget> findByColor(String color);

}
