package dev.singletable.repository.projection;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.sample.Label;

public interface ProjectedLabelRepository extends SingleTableRepository<Label> {

	List<LabelViews.Name> findNamesByColor(String color);

	List<LabelViews.Open> findOpenByColor(String color);

	List<LabelViews.Summary> findSummariesByColor(String color);

	List<LabelViews.ColorAndName> findRecordsByColor(String color);

	<T> List<T> findByColor(String color, Class<T> type);

	Optional<LabelViews.Name> findNameById(String id);

	Optional<LabelViews.ColorAndName> findRecordById(String id);

	<T> Optional<T> findById(String id, Class<T> type);

	@IndexQuery(index = "gsi1")
	List<LabelViews.Name> declaredNames(String colorKey);

	@IndexQuery(index = "gsi1")
	<T> List<T> declared(String colorKey, Class<T> type);

	Page<LabelViews.Name> findPageByColor(String color, Pageable pageable);

	Slice<LabelViews.ColorAndName> findSliceByColor(String color, Pageable pageable);

	Window<LabelViews.Name> findWindowByColor(String color, ScrollPosition position, Limit limit);

	Stream<LabelViews.Summary> streamSummariesByColor(String color);

}
