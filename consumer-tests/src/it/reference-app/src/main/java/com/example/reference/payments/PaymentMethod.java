package com.example.reference.payments;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
public sealed interface PaymentMethod permits Card, BankAccount, Voucher {

	String id();

	Long version();

	String customerId();

}
