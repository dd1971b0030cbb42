package dev.singletable.autoconfigure.data;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.autoconfigure.data.repo.WidgetPackage;
import dev.singletable.autoconfigure.data.repo.WidgetRepository;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;

import static org.assertj.core.api.Assertions.assertThat;

class SingleTableRepositoriesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void enablesRepositoriesInTheAutoConfigurationPackages() {
		this.contextRunner.withUserConfiguration(WidgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("repos"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WidgetRepository.class);
				WidgetRepository widgets = context.getBean(WidgetRepository.class);
				Widget red = widgets.save(new Widget(null, null, null, "red"));
				widgets.save(new Widget(null, null, null, "blue"));
				assertThat(widgets.findByColor("red")).containsExactly(red);
			});
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withUserConfiguration(WidgetPackage.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("norepos"),
					"singletable.repositories.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WidgetRepository.class));
	}

	@Test
	void backsOffWhenTheApplicationEnablesRepositoriesItself() {
		this.contextRunner.withUserConfiguration(WidgetPackage.class, ExplicitRepositories.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("explicit"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WidgetRepository.class)
				.getBeanNames(WidgetRepository.class)
				.hasSize(1));
	}

	@Test
	void backsOffWithoutSingletableRepositoriesOnTheClasspath() {
		this.contextRunner.withUserConfiguration(WidgetPackage.class)
			.withClassLoader(new FilteredClassLoader(SingleTableRepository.class))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("noclass"))
			.run((context) -> assertThat(context).doesNotHaveBean(WidgetRepository.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = WidgetRepository.class)
	static class ExplicitRepositories {

	}

}
