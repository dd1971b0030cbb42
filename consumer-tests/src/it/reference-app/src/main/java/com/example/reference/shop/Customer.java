package com.example.reference.shop;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
public record Customer(@Id String id, @Version Long version, String name, String lastOrder) {

	public Customer withLastOrder(String orderId) {
		return new Customer(this.id, this.version, this.name, orderId);
	}

}
