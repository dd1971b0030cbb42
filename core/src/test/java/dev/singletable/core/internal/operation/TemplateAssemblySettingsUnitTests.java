package dev.singletable.core.internal.operation;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A template's settings applied to its {@link TemplateAssembly}: the auto-configuration sets each setting, most to
 * what it already is, and only a change builds the operations' plans again.
 */
class TemplateAssemblySettingsUnitTests {

	private final TemplateAssembly assembly = TemplateAssembly.of(
			TablePlans.of("things", new MappingSingleTableConverter(new SingleTableMappingContext())), "things",
			(ex, request) -> ex);

	@Test
	void aSettingSetToWhatItIsKeepsTheSettingsValue() {
		OperationSettings settings = OperationSettings.DEFAULT;

		assertThat(settings.withConsistentReads(false)).isSameAs(settings);
		assertThat(settings.withTrackCounts(false)).isSameAs(settings);
		assertThat(settings.withAllowDrop(false)).isSameAs(settings);
		assertThat(settings.withConsistentReads(true).consistentReads()).isTrue();
		assertThat(settings.withTrackCounts(true).trackCounts()).isTrue();
		assertThat(settings.withAllowDrop(true).allowDrop()).isTrue();
	}

	@Test
	void settingsAsTheyAreKeepThePlans() {
		TemplateAssembly same = this.assembly.with(null, this.assembly.settings().withTrackCounts(false));

		assertThat(same).isSameAs(this.assembly);
		assertThat(same.plans()).isSameAs(this.assembly.plans());
	}

	@Test
	void aChangedSettingBuildsThePlansAgainWithIt() {
		TemplateAssembly changed = this.assembly.with(null, this.assembly.settings().withConsistentReads(true));

		assertThat(changed.plans()).isNotSameAs(this.assembly.plans());
		assertThat(changed.settings().consistentReads()).isTrue();
		assertThat(changed.table()).isSameAs(this.assembly.table());
		assertThat(this.assembly.settings().consistentReads()).isFalse();
	}

}
