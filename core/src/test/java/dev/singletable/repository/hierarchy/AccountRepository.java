package dev.singletable.repository.hierarchy;

import java.util.List;

import dev.singletable.core.hierarchy.Account;
import dev.singletable.repository.SingleTableRepository;

public interface AccountRepository extends SingleTableRepository<Account> {

	List<Account> findByKind(String kind);

}
