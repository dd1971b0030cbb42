package dev.singletable.autoconfigure.transaction.check;

import dev.singletable.repository.SingleTableRepository;

/**
 * The repository of {@link Member}s.
 */
public interface MemberRepository extends SingleTableRepository<Member> {

}
