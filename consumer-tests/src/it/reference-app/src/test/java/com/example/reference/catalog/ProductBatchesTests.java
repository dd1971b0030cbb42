package com.example.reference.catalog;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.Filter;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batches and filter metadata of template.md.
 */
@DataSingleTableTest
class ProductBatchesTests {

	@Autowired
	SingleTableTemplate template;

	@Test
	void readsAndWritesInBatches() {
		List<Product> stored = template.putAll(List.of(new Product("p-1", null, "garden", "Rake", 3, Set.of()),
				new Product("p-2", null, "garden", "Hose", 5, Set.of())));   // BatchWriteItem, 25 items a request
		List<Product> found = template.findAllById(Product.class, List.of("p-2", "p-1", "p-9"));   // ids' order

		assertThat(stored).hasSize(2);
		assertThat(found).extracting(Product::name).containsExactly("Hose", "Rake");
	}

	@Test
	void filtersCompressedTypesOnTheirMetadata() {
		template.create(new Ticket(null, null, "open", 3, "The lamp flickers"));
		template.create(new Ticket(null, null, "open", 1, "Typo"));
		template.create(new Ticket(null, null, "closed", 5, "Fixed"));

		List<Ticket> urgent = template.query(Ticket.class)
			.filter(Filter.property("status").eq("open").and(Filter.property("priority").ge(2)))   // metadata.status, metadata.priority
			.all();

		assertThat(urgent).extracting(Ticket::body).containsExactly("The lamp flickers");
	}

}
