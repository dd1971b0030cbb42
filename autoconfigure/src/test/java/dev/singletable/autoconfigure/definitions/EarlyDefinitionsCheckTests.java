package dev.singletable.autoconfigure.definitions;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.singletable.autoconfigure.definitions.bad.BadDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.chosen.ChosenRepositoriesApplication;
import dev.singletable.autoconfigure.definitions.annotated.AnnotatedDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.bad.Parcel;
import dev.singletable.autoconfigure.definitions.good.GoodDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.plain.PlainDefinitionsApplication;
import dev.singletable.autoconfigure.definitions.plain.Ticket;
import dev.singletable.autoconfigure.definitions.plainbad.Shelf;
import dev.singletable.autoconfigure.definitions.plainbad.StoredUnderTheSortKeyApplication;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.repository.query.UnsupportedQueryMethodException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link EarlyDefinitionsCheck}: an underivable repository method in the main application's package fails
 * the start before the configuration is parsed, with the failure analysis of the later check, and the early check
 * stands aside wherever what it found may not be what the application registers. Records without Jackson
 * annotations are checked without Jackson, an invalid one failing the start there with the converter's message.
 */
@ExtendWith(OutputCaptureExtension.class)
class EarlyDefinitionsCheckTests {

	@Test
	void anUnderivableMethodFailsTheStartBeforeTheConfigurationIsParsed(CapturedOutput output) {
		SpringApplication application = new SpringApplication(BadDefinitionsApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> application.run("--singletable.table-name=early-check"))
			.withMessageContaining("ParcelRepository.findByLabelLike")
			.satisfies((failure) -> assertThat(failure.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().equals(EarlyDefinitionsCheck.class.getName())
						&& frame.getMethodName().equals("contextPrepared"))
				.noneMatch((frame) -> frame.getMethodName().equals("invokeBeanFactoryPostProcessors")));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("findByLabelLike")
			.doesNotContain("Started embedded DynamoDB Local");
	}

	@Test
	void aRecordThatCannotBeStoredFailsTheStartBeforeTheConfigurationIsParsed(CapturedOutput output) {
		SpringApplication application = new SpringApplication(StoredUnderTheSortKeyApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> application.run("--singletable.table-name=early-check"))
			.withMessageContaining(Shelf.class.getName())
			.withMessageContaining("its property 'sk' is stored as 'sk', a key attribute of the item layout")
			.satisfies((failure) -> assertThat(failure.getStackTrace())
				.anyMatch((frame) -> frame.getClassName().equals(EarlyDefinitionsCheck.class.getName())
						&& frame.getMethodName().equals("contextPrepared")));
		assertThat(output).contains("APPLICATION FAILED TO START");
	}

	@Test
	void registersTheRecordsItCheckedWithoutJacksonForTheConverter() {
		try (GenericApplicationContext context = checked(PlainDefinitionsApplication.class, Map.of())) {
			EarlyCheckedEntityTypes checked = context.getBeanFactory()
				.getBean(EarlyCheckedEntityTypes.BEAN_NAME, EarlyCheckedEntityTypes.class);
			assertThat(checked.covers(List.of(Ticket.class))).isTrue();
			assertThat(checked.covers(List.of(Ticket.class, Parcel.class))).isFalse();
		}
	}

	@Test
	void registersNothingWhenATypeNeedsJacksonToBeChecked() {
		try (GenericApplicationContext context = checked(AnnotatedDefinitionsApplication.class, Map.of())) {
			assertThat(context.getBeanFactory().containsSingleton(EarlyCheckedEntityTypes.BEAN_NAME)).isFalse();
		}
	}

	@Test
	void checksTheRepositoriesOfTheMainPackage() {
		assertThatExceptionOfType(UnsupportedQueryMethodException.class)
			.isThrownBy(() -> check(BadDefinitionsApplication.class, Map.of()))
			.withMessageContaining("findByLabelLike");
	}

	@Test
	void passesDefinitionsThatHoldAndSkipsInterfacesMarkedAsNoRepository() {
		assertThatCode(() -> check(GoodDefinitionsApplication.class, Map.of())).doesNotThrowAnyException();
	}

	@Test
	void standsAsideWhenAClassOfThePackageChoosesTheRepositories() {
		assertThatCode(() -> check(ChosenRepositoriesApplication.class, Map.of())).doesNotThrowAnyException();
	}

	@Test
	void scansThePackagesOfTheAutoConfiguredSourcesButNeverTheDefaultPackage() throws Exception {
		assertThat(EarlyDefinitionsCheck.mainPackages(java.util.Set.of(BadDefinitionsApplication.class, "config.xml")))
			.containsExactly(BadDefinitionsApplication.class.getPackageName());
		Class<?> inDefaultPackage = Class.forName("DefaultPackageApplication");
		assertThat(EarlyDefinitionsCheck.mainPackages(java.util.Set.of(inDefaultPackage))).isEmpty();
		assertThat(EarlyDefinitionsCheck.mainPackages(java.util.Set.of(inDefaultPackage, BadDefinitionsApplication.class)))
			.isEmpty();
	}

	@Test
	void standsAsideWhenRepositoriesAreSwitchedOff() {
		assertThatCode(() -> check(BadDefinitionsApplication.class, Map.of("singletable.repositories.enabled", "false")))
			.doesNotThrowAnyException();
		assertThatCode(() -> check(BadDefinitionsApplication.class,
				Map.of("spring.data.singletable.repositories.type", "none")))
			.doesNotThrowAnyException();
		assertThatCode(() -> check(BadDefinitionsApplication.class,
				Map.of("spring.data.singletable.repositories.type", "reactive")))
			.doesNotThrowAnyException();
	}

	@Test
	void standsAsideWhenAutoConfigurationIsSwitchedOffOrExcluded() {
		assertThatCode(() -> check(BadDefinitionsApplication.class,
				Map.of("spring.boot.enableautoconfiguration", "false")))
			.doesNotThrowAnyException();
		assertThatCode(() -> check(BadDefinitionsApplication.class,
				Map.of("spring.autoconfigure.exclude", "dev.singletable.autoconfigure.SingleTableAutoConfiguration")))
			.doesNotThrowAnyException();
	}

	@Test
	void leavesPropertiesThatDoNotBindToTheBeans() {
		assertThatCode(() -> check(BadDefinitionsApplication.class, Map.of("singletable.table-name", "")))
			.doesNotThrowAnyException();
	}

	private static void check(Class<?> mainClass, Map<String, Object> properties) {
		checked(mainClass, properties).close();
	}

	private static GenericApplicationContext checked(Class<?> mainClass, Map<String, Object> properties) {
		Map<String, Object> all = new java.util.HashMap<>(Map.of("singletable.table-name", "early-check"));
		all.putAll(properties);
		GenericApplicationContext context = new GenericApplicationContext();
		try {
			context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", all));
			new EarlyDefinitionsCheck(new SpringApplication(mainClass), new String[0]).contextPrepared(context);
			return context;
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

}
