package dev.singletable.autoconfigure.badquery;

import java.util.List;

import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.repository.VersionedRepository;

/**
 * A repository with a query method no index can serve: {@code Like} is no key condition.
 */
public interface LikeWidgetRepository extends VersionedRepository<Widget> {

	List<Widget> findByColorLike(String pattern);

}
