package dev.singletable.autoconfigure;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.ReflectionTestUtils;

import dev.singletable.autoconfigure.definitions.annotated.AnnotatedDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.plain.PlainDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.plain.Ticket;
import dev.singletable.autoconfigure.definitions.plain.TicketRepository;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.SingleTableConverter;
import tools.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the converter's storage mapper is built: as the context starts in a JVM application (the converter checks the
 * entity types then), and at the first read or write in an application processed ahead of time, whose build checked
 * the types, or in a JVM application without mapper customizers whose types the early definitions check checked
 * without Jackson (records without Jackson annotations), so that Jackson's classes load after the application is
 * ready. Either way the customizers apply.
 */
class StorageMapperStartupTests {

	private final AtomicInteger customized = new AtomicInteger();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withBean(SingleTableJsonMapperBuilderCustomizer.class, () -> (builder) -> {
			this.customized.incrementAndGet();
			builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
		})
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@AfterEach
	void leaveAotMode() {
		System.clearProperty(AotDetector.AOT_ENABLED);
	}

	@Test
	void aJvmApplicationBuildsItAsTheContextStarts() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("mapper-jvm"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.customized).hasValue(1);
				assertThat(context.getBean(SingleTableConverter.class).getJsonMapper().serializationConfig()
					.getPropertyNamingStrategy()).isNotNull();
			});
	}

	@Test
	void aJvmApplicationOfRecordsTheEarlyCheckCheckedBuildsItAtTheFirstWrite() {
		SpringApplication application = new SpringApplication(PlainDefinitionsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--" + TestTables.endpointProperty(),
				"--singletable.table.create=create-if-missing",
				"--singletable.table-name=" + TestTables.uniqueName("mapper-plain"))) {
			SingleTableConverter converter = context.getBean(SingleTableConverter.class);
			assertThat(ReflectionTestUtils.getField(converter, "deferred")).isEqualTo(true);
			TicketRepository tickets = context.getBean(TicketRepository.class);

			Ticket saved = tickets.save(new Ticket("t1", null, null, "support", "Printer", Ticket.Severity.HIGH));

			assertThat(tickets.findByQueue("support")).containsExactly(saved);
			assertThat(converter.getJsonMapper()).isNotNull();
		}
	}

	@Test
	void aJvmApplicationWithATypeOnlyJacksonCanCheckBuildsItAsTheContextStarts() {
		SpringApplication application = new SpringApplication(AnnotatedDefinitionsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--" + TestTables.endpointProperty(),
				"--singletable.table.create=create-if-missing",
				"--singletable.table-name=" + TestTables.uniqueName("mapper-annotated"))) {
			assertThat(ReflectionTestUtils.getField(context.getBean(SingleTableConverter.class), "deferred"))
				.isEqualTo(false);
		}
	}

	@Test
	void anApplicationProcessedAheadOfTimeBuildsItAtTheFirstWrite() {
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("mapper-aot"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(this.customized).hasValue(0);
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				assertThat(template.getConverter().getRequiredEntity(Gadget.class).getType()).isEqualTo(Gadget.class);
				assertThat(this.customized).hasValue(0);

				Gadget created = template.create(Gadget.of("lamp", "ada", "Desk lamp"));

				assertThat(this.customized).hasValue(1);
				assertThat(template.findById(Gadget.class, created.id())).contains(created);
				assertThat(template.getConverter().writeBody(created, null, Instant.now()))
					.containsKey("display_name");
				assertThat(this.customized).hasValue(1);
			});
	}

}
