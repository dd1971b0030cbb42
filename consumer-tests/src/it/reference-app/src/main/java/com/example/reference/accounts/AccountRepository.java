package com.example.reference.accounts;

import dev.singletable.repository.VersionedRepository;

public interface AccountRepository extends VersionedRepository<Account> {

}
