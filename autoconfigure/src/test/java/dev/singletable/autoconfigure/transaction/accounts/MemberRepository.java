package dev.singletable.autoconfigure.transaction.accounts;

import java.util.List;

import org.springframework.transaction.annotation.Transactional;

import dev.singletable.repository.SingleTableRepository;

/**
 * The repository of {@link Member}s.
 */
public interface MemberRepository extends SingleTableRepository<Member> {

	/**
	 * Saves members in one transaction, then fails when asked to.
	 * @param members the members
	 * @param fail whether to fail once they are saved
	 */
	@Transactional
	default void saveTogether(List<Member> members, boolean fail) {
		members.forEach(this::save);
		if (fail) {
			throw new IllegalStateException("after saving " + members.size());
		}
	}

}
