package com.example.reference.catalog;

import org.springframework.stereotype.Component;

import dev.singletable.core.mapping.event.BeforeConvertCallback;

@Component
public class TrimNames implements BeforeConvertCallback<Product> {

	@Override
	public Product onBeforeConvert(Product product) {
		return new Product(product.id(), product.updatedAt(), product.category(), product.name().strip(),
				product.stock(), product.tags());
	}

}
