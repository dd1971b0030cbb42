package dev.singletable.repository.hierarchy;

import dev.singletable.core.hierarchy.PaymentMethod.Card;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;

public interface ReactiveCardRepository extends ReactiveSingleTableRepository<Card> {

	Flux<Card> findByCustomerId(String customerId);

}
