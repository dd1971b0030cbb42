package dev.singletable.autoconfigure.data;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.deeds.Deed;
import dev.singletable.autoconfigure.data.deeds.DeedRepository;
import dev.singletable.autoconfigure.data.deeds.Parcel;
import dev.singletable.autoconfigure.data.deeds.ParcelPackage;
import dev.singletable.autoconfigure.data.deeds.ParcelRepository;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.mapping.event.AuditingEntityCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auditing through Spring Boot (from issue 15): auditing auto-configured for a type with nested values, the
 * dates of an {@code Auditable} type kept as stored, with the default and an application's date provider.
 */
class AuditingDatesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableAuditingAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void anAuditorAwareBeanAuditsATypeWithNestedValues() {
		AtomicReference<String> user = new AtomicReference<>("ann");
		this.contextRunner.withUserConfiguration(ParcelPackage.class)
			.withBean(AuditorAware.class, () -> (AuditorAware<String>) () -> Optional.ofNullable(user.get()))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("auditing-dates"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AuditingEntityCallback.class);
				ParcelRepository parcels = context.getBean(ParcelRepository.class);
				Parcel parcel = parcels.save(new Parcel(null, null, null, "oslo", new Parcel.Address("Main 1", "0150"),
						List.of(new Parcel.Address("Side 2", "0151")), null, null));
				assertThat(parcel.createdBy()).isEqualTo("ann");
				user.set("bob");
				Parcel moved = parcels.save(parcel.withCity("bergen"));
				assertThat(moved.createdBy()).isEqualTo("ann");
				assertThat(moved.modifiedBy()).isEqualTo("bob");
				assertThat(parcels.findById(parcel.id())).contains(moved);
				assertThat(parcels.findByCity("bergen")).extracting((view) -> view.getTo().getStreet())
					.containsExactly("Main 1");
			});
	}

	@Test
	void theDatesOfAnAuditableAreReturnedAsTheyAreStored() {
		this.contextRunner.withUserConfiguration(ParcelPackage.class)
			.withBean(AuditorAware.class, () -> (AuditorAware<String>) () -> Optional.of("ann"))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("auditing-dates"))
			.run((context) -> {
				DeedRepository deeds = context.getBean(DeedRepository.class);
				Deed deed = deeds.save(new Deed());
				assertThat(deed.getCreatedDate()).isPresent();
				assertThat(deed.getCreatedDate().orElseThrow().getNano() % 1_000).isZero();
				Deed read = deeds.findById(deed.getId()).orElseThrow();
				assertThat(read.getCreatedDate()).isEqualTo(deed.getCreatedDate());
				assertThat(read.getLastModifiedDate()).isEqualTo(deed.getLastModifiedDate());
			});
	}

	@Test
	void anApplicationDateProviderIsKeptToTheStoredPrecision() {
		this.contextRunner.withUserConfiguration(ParcelPackage.class, OwnDates.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("auditing-dates"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AuditingEntityCallback.class);
				DeedRepository deeds = context.getBean(DeedRepository.class);
				Deed deed = deeds.save(new Deed());
				assertThat(deed.getCreatedDate()).contains(LocalDateTime.of(2030, 5, 6, 7, 8, 9, 123_456_000));
				assertThat(deed.getCreatedBy()).contains("clerk");
				assertThat(deeds.findById(deed.getId()).orElseThrow().getCreatedDate()).isEqualTo(deed.getCreatedDate());
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing(auditorAwareRef = "clerk", dateTimeProviderRef = "fixedDates")
	static class OwnDates {

		@Bean
		AuditorAware<String> clerk() {
			return () -> Optional.of("clerk");
		}

		@Bean
		DateTimeProvider fixedDates() {
			return () -> Optional.of(LocalDateTime.of(2030, 5, 6, 7, 8, 9, 123_456_789));
		}

	}

}
