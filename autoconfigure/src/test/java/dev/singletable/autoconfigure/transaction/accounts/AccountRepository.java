package dev.singletable.autoconfigure.transaction.check;

import dev.singletable.repository.VersionedRepository;

/**
 * The repository of {@link Account}s.
 */
public interface AccountRepository extends VersionedRepository<Account> {

}
