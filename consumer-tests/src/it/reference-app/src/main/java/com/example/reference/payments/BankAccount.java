package com.example.reference.payments;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;

@TypeAlias("bank")                                  // stored as "bank"; the simple class name by default
public record BankAccount(@Id String id, @Version Long version, String customerId, String iban)
		implements PaymentMethod {
}
