package dev.singletable.core.internal.operation;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a template's assembly keeps when its blob storage or a setting changes, for every execution model, without a
 * server.
 */
class TemplateAssemblyUnitTests {

	private final TemplateAssembly assembly = TemplateAssembly.of(
			TablePlans.of("orders", new MappingSingleTableConverter(new SingleTableMappingContext())), "orders",
			(ex, request) -> ex);

	@Test
	void aNewStorageOrSettingKeepsTheKeysOfTheTemplatesCursors() {
		TemplateAssembly changed = this.assembly.with(null, OperationSettings.DEFAULT.withConsistentReads(true));

		assertThat(changed.plans()).isNotSameAs(this.assembly.plans());
		assertThat(changed.cursorSecrets()).as("a cursor of the template still opens").isSameAs(
				this.assembly.cursorSecrets());
		assertThat(changed.drift()).isSameAs(this.assembly.drift());
		assertThat(changed.queryPlans().cursorCodec()).isNotNull();
	}

	@Test
	void eachTemplateHasKeysOfItsOwn() {
		TemplateAssembly other = TemplateAssembly.of(this.assembly.table(), "orders", (ex, request) -> ex);

		assertThat(other.table()).isSameAs(this.assembly.table());
		assertThat(other.cursorSecrets()).as("a secret configured on one template is not the other's")
			.isNotSameAs(this.assembly.cursorSecrets());
	}

}
