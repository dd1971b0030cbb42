package dev.singletable.repository.sample;

import java.util.List;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.SingleTableRepository;

public interface LabelRepository extends SingleTableRepository<Label> {

	@AllowFiltering
	List<Label> findByColorAndWeightGreaterThanEqualAndHiddenIsNull(String color, int weight);

	@AllowFiltering
	long countByNameStartingWith(String prefix);

}
