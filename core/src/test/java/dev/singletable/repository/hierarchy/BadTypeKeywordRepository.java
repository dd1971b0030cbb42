package dev.singletable.repository.hierarchy;

import java.util.List;

import dev.singletable.core.hierarchy.PaymentMethod;
import dev.singletable.repository.SingleTableRepository;

public interface BadTypeKeywordRepository extends SingleTableRepository<PaymentMethod> {

	List<PaymentMethod> findByCustomerIdAndTypeStartingWith(String customerId, String prefix);

}
