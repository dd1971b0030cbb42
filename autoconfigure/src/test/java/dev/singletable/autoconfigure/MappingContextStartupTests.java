package dev.singletable.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

import dev.singletable.autoconfigure.definitions.EarlyMappingContext;
import dev.singletable.autoconfigure.definitions.plain.PlainDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.plain.Ticket;
import dev.singletable.autoconfigure.definitions.plain.TicketRepository;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured mapping context of a JVM application is the one the early definitions check built from the
 * same packages with the same defaults, so the entity types are scanned and mapped once, and the application reads
 * and writes through it; it is built again whenever it would map other packages or other defaults.
 */
class MappingContextStartupTests {

	@Test
	void aJvmApplicationMapsItsEntityTypesOnceInTheEarlyCheck() {
		try (ConfigurableApplicationContext context = start("mapping-once", "--singletable.compression.enabled=true")) {
			EarlyMappingContext early = context.getBean(EarlyMappingContext.BEAN_NAME, EarlyMappingContext.class);
			SingleTableMappingContext mappingContext = context.getBean(SingleTableMappingContext.class);
			assertThat(mappingContext).isSameAs(ReflectionTestUtils.getField(early, "mappingContext"));
			assertThat(mappingContext.getPersistentEntity(Ticket.class).isCompressed()).isTrue();
			TicketRepository tickets = context.getBean(TicketRepository.class);

			Ticket saved = tickets.save(new Ticket("t1", null, null, "support", "Printer", Ticket.Severity.HIGH));

			assertThat(tickets.findByQueue("support")).containsExactly(saved);
		}
	}

	@Test
	void theEarlyMappingContextIsNotReusedForOtherPackagesOrDefaults() {
		try (ConfigurableApplicationContext context = start("mapping-other")) {
			EarlyMappingContext early = context.getBean(EarlyMappingContext.BEAN_NAME, EarlyMappingContext.class);
			String plain = PlainDefinitionsApplication.class.getPackageName();
			SingleTableProperties properties = context.getBean(SingleTableProperties.class);
			MappingDefaults defaults = new MappingDefaults(properties.compression().enabled(),
					properties.versioning().maxVersions(), properties.compression().level());
			assertThat(early.reusableFor(List.of(plain), defaults)).isSameAs(context.getBean(SingleTableMappingContext.class));
			assertThat(early.reusableFor(List.of(plain, "com.example.other"), defaults)).isNull();
			assertThat(early.reusableFor(List.of(plain), new MappingDefaults(properties.compression().enabled(),
					properties.versioning().maxVersions(), properties.compression().level() + 1))).isNull();
		}
	}

	private static ConfigurableApplicationContext start(String table, String... args) {
		SpringApplication application = new SpringApplication(PlainDefinitionsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> all = new java.util.ArrayList<>(List.of("--" + TestTables.endpointProperty(),
				"--singletable.table.create=create-if-missing", "--singletable.table-name=" + TestTables.uniqueName(table)));
		all.addAll(List.of(args));
		return application.run(all.toArray(String[]::new));
	}

}
