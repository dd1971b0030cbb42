package com.example.reference.payments;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface PaymentCardRepository extends SingleTableRepository<Card> {

	List<Card> findByCustomerId(String customerId);                   // the customer's cards only

}
