package dev.singletable.repository.memos;

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

import dev.singletable.repository.VersionedRepository;

public interface MemoRepository extends VersionedRepository<Memo> {

	Stream<MemoViews.Heading> streamHeadingsByTopic(String topic);

	Window<MemoViews.Titled> findTitledByTopic(String topic, ScrollPosition position, Limit limit);

	Slice<MemoViews.Bean> findBeansByTopic(String topic, Pageable pageable);

	Optional<MemoViews.Heading> findHeadingByTopicAndTitle(String topic, String title);

	List<MemoViews.Titled> findTitledByTopicOrderByTitleDesc(String topic);

	List<MemoViews.Labelled> findLabelledByTopic(String topic);

	Slice<MemoViews.Heading> findFirst3HeadingsByTopic(String topic, Pageable pageable);

	<T> List<T> findByTopic(String topic, Class<T> type);

	Page<Memo> findFirst3ByTopic(String topic, Pageable pageable);

	List<Memo> findTop2ByTopic(String topic, Sort sort);

	List<Memo> findByTopic(String topic, Sort sort, Limit limit);

	List<Memo> findByTopicIn(Collection<String> topics);

	List<Memo> findByTopicIn(Collection<String> topics, Sort sort);

	Page<Memo> findByTopicIn(Collection<String> topics, Pageable pageable);

	List<Memo> findByTopicAndTitleBetween(String topic, String from, String to);

	List<Memo> findByTopicAndTitleGreaterThan(String topic, String title);

	List<Memo> findByTopicAndTitleStartingWith(String topic, String prefix);

	List<Memo> findTop2ByTopicIn(Collection<String> topics, Sort sort);

	Window<MemoViews.Heading> findHeadingsByTopic(String topic, ScrollPosition position, Limit limit);

	long countByTopic(String topic);

	long countByTopicIn(Collection<String> topics);

	boolean existsByTopicIn(Collection<String> topics);

	List<Memo> findByTopicInAndTitleStartingWith(Collection<String> topics, String prefix);

	@dev.singletable.repository.AllowFiltering
	Page<MemoViews.Heading> findByTopicAndPagesGreaterThan(String topic, int pages, Pageable pageable);

	boolean existsByTopic(String topic);

	boolean existsByTopicAndTitle(String topic, String title);

}
