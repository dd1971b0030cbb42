package dev.singletable.repository.hierarchy;

import dev.singletable.core.hierarchy.PaymentMethod;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;

public interface ReactivePaymentMethodRepository extends ReactiveSingleTableRepository<PaymentMethod> {

	Flux<PaymentMethod> findByCustomerId(String customerId);

	Flux<PaymentMethod> findByCustomerIdAndType(String customerId, String type);

}
