package dev.singletable.core.keys;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

/**
 * Derived queries over {@link Toggle}'s boolean index keys.
 */
public interface ToggleRepository extends SingleTableRepository<Toggle> {

	List<Toggle> findByActive(boolean active);

	List<Toggle> findByGroupAndActive(String group, boolean active);

}
