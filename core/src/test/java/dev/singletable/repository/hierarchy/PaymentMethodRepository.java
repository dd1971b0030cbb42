package dev.singletable.repository.hierarchy;

import java.util.List;

import dev.singletable.core.hierarchy.PaymentMethod;
import dev.singletable.repository.VersionedRepository;

public interface PaymentMethodRepository extends VersionedRepository<PaymentMethod> {

	List<PaymentMethod> findByCustomerId(String customerId);

}
