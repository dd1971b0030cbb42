package dev.singletable.repository.hierarchy;

import java.util.Collection;
import java.util.List;

import dev.singletable.core.hierarchy.PaymentMethod;
import dev.singletable.repository.VersionedRepository;

public interface PaymentMethodRepository extends VersionedRepository<PaymentMethod> {

	List<PaymentMethod> findByCustomerId(String customerId);

	List<PaymentMethod> findByCustomerIdAndType(String customerId, String type);

	List<PaymentMethod> findByCustomerIdAndTypeNot(String customerId, String type);

	long countByCustomerIdAndTypeIn(String customerId, Collection<String> types);

}
