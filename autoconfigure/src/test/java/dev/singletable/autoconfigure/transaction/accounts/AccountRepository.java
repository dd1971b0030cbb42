package dev.singletable.autoconfigure.transaction.accounts;

import dev.singletable.repository.VersionedRepository;

/**
 * The repository of {@link Account}s.
 */
public interface AccountRepository extends VersionedRepository<Account> {

}
