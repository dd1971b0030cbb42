package com.example.reference.billing;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(prefix = "BillingOrder", versioned = true)
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
public record Order(@Id String id, @Version Long version, String customerId, String item) {
}
