package com.example.reference.catalog;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entity callback of template.md, run by every write of the template.
 */
@DataSingleTableTest
@Import(TrimNames.class)
class TrimNamesTests {

	@Autowired
	SingleTableTemplate template;

	@Test
	void theCallbackChangesWhatIsWritten() {
		Product created = this.template.create(new Product(null, null, "tools", "  Hammer ", 1, Set.of()));

		assertThat(created.name()).isEqualTo("Hammer");
		assertThat(this.template.getById(Product.class, created.id()).name()).isEqualTo("Hammer");
	}

}
