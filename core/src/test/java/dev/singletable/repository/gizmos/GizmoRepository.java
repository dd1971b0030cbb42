package dev.singletable.repository.gizmos;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.SingleTableRepository;

public interface GizmoRepository extends SingleTableRepository<Gizmo> {

	List<GizmoViews.NameOnly> findNamesByColor(String color);

	List<GizmoViews.WithPart> findPartsByColor(String color);

	List<GizmoViews.Line> findLinesByColor(String color);

	List<GizmoViews.Creator> findCreatorsByColor(String color);

	List<GizmoViews.NameOnly> findAllBy();

	<T> Page<T> findAllBy(Pageable pageable, Class<T> type);

	List<GizmoViews.Summary> findAllByOrderByUpdatedAtDesc();

	Optional<GizmoViews.Summary> findFirstByColorOrderByNameDesc(String color);

	Stream<GizmoViews.NameOnly> streamByColorIn(Collection<String> colors);

	Slice<GizmoViews.Summary> findSliceByColorIn(Collection<String> colors, Pageable pageable);

	List<GizmoViews.Dto> findDtosByColor(String color);

	List<GizmoViews.Summary> findSummariesByColor(String color);

	<T> List<T> findByColor(String color, Class<T> type);

	Optional<GizmoViews.NameOnly> findProjectedById(String id);

	<T> Optional<T> findById(String id, Class<T> type);

	Page<GizmoViews.NameOnly> findPageByColor(String color, Pageable pageable);

	Slice<GizmoViews.Summary> findSliceByColor(String color, Pageable pageable);

	Stream<GizmoViews.WithPart> streamByColor(String color);

	Window<GizmoViews.NameOnly> findWindowByColor(String color, ScrollPosition position, Limit limit);

	@IndexQuery(index = "gsi4")
	List<GizmoViews.Summary> byColorKey(String key);

	@IndexQuery(index = "gsi4", sort = IndexQuery.SortCondition.BEGINS_WITH, descending = true)
	<T> List<T> byColorKeyAndPrefix(String key, String prefix, Class<T> type);

	List<Gizmo> findTop3ByColor(String color, Sort sort);

	Optional<Gizmo> findFirstByColor(String color, Sort sort);

	Page<Gizmo> findFirst2ByColor(String color, Pageable pageable);

	List<Gizmo> findByColor(String color, Limit limit);

	List<Gizmo> findTop3ByColor(String color, Limit limit);

	long countByOwnerIsNotNull();

	boolean existsByOwnerIsNotNull();

	long countByColor(String color);

	@IndexQuery(index = "gsi4", sort = IndexQuery.SortCondition.GREATER_THAN)
	Page<GizmoViews.NameOnly> pageByColorKeyAfter(String key, String after, Pageable pageable);

	List<GizmoViews.NameOnly> findByOwnerIsNotNull();

	List<Gizmo> findByOwnerIsNotNullOrderByOwnerDesc();

	List<Gizmo> findByColorIn(Collection<String> colors);

	List<GizmoViews.Summary> findByColorInOrderByNameDesc(List<String> colors);

	@AllowFiltering
	List<Gizmo> findByColorAndOwnerIsNull(String color);

	@AllowFiltering
	List<Gizmo> findByWeightGreaterThan(int weight);

}
