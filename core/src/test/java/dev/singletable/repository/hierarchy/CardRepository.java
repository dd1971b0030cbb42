package dev.singletable.repository.hierarchy;

import java.util.List;

import dev.singletable.core.hierarchy.PaymentMethod.Card;
import dev.singletable.repository.SingleTableRepository;

public interface CardRepository extends SingleTableRepository<Card> {

	List<Card> findByCustomerId(String customerId);

	long countByCustomerId(String customerId);

}
