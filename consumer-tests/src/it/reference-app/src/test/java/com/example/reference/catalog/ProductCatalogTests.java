package com.example.reference.catalog;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class ProductCatalogTests {

	@Autowired
	SingleTableTemplate template;

	@Test
	void writesAndQueriesWithTheTemplate() {
		Product lamp = template.create(new Product(null, null, "lighting", "Desk lamp", 10, Set.of("desk")));
		template.increment(Product.class, lamp.id(), "stock", -3);                 // atomic, returns 7
		template.addToSet(Product.class, lamp.id(), "tags", "sale");
		Product read = template.getById(Product.class, lamp.id());
		Product renamed = template.update(read, Changes.set("name", "Brass desk lamp"));

		QueryPage<Product> page = template.query(Product.class)
			.index("gsi1")
			.partition("category#lighting")
			.filter(Filter.property("stock").gt(0))
			.limit(20)
			.page(null);                                       // the first page; page(page.nextCursor()) the next

		assertThat(page.items()).containsExactly(renamed);
		assertThat(renamed.stock()).isEqualTo(7);
		assertThat(renamed.tags()).containsExactlyInAnyOrder("desk", "sale");
		assertThat(page.nextCursor()).isNull();
	}

}
