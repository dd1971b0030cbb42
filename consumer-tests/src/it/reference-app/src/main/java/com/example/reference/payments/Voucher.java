package com.example.reference.payments;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

public record Voucher(@Id String id, @Version Long version, String customerId, long cents) implements PaymentMethod {
}
