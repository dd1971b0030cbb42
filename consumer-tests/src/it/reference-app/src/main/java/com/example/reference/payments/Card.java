package com.example.reference.payments;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

public record Card(@Id String id, @Version Long version, String customerId, String last4) implements PaymentMethod {
}
