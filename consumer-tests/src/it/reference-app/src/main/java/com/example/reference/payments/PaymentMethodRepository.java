package com.example.reference.payments;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface PaymentMethodRepository extends VersionedRepository<PaymentMethod> {

	List<PaymentMethod> findByCustomerId(String customerId);          // every subtype, each as what it is

	List<PaymentMethod> findByCustomerIdAndType(String customerId, String type);   // "Card", "bank", "Voucher"

}
