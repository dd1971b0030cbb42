package dev.singletable.autoconfigure.data;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.reactiverepo.Gizmo;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoPackage;
import dev.singletable.autoconfigure.data.reactiverepo.GizmoRepository;
import dev.singletable.autoconfigure.data.reactiverepo.ReactiveGizmoRepository;
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableReactiveRepositoriesAutoConfiguration}: reactive repositories of the application's
 * packages on the reactive template, beside the blocking ones of the same packages (each interface implemented once,
 * by its own kind's factory), on the embedded DynamoDB Local.
 */
class SingleTableReactiveRepositoriesAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class,
				SingleTableReactiveRepositoriesAutoConfiguration.class))
		.withUserConfiguration(GizmoPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void enablesReactiveRepositoriesBesideTheBlockingOnesOfTheSamePackage() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-repos"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(ReactiveGizmoRepository.class)
					.hasSingleBean(GizmoRepository.class);
				assertThat(context.getBeansOfType(ReactiveSingleTableRepositoryFactoryBean.class)).hasSize(1);
				ReactiveGizmoRepository reactive = context.getBean(ReactiveGizmoRepository.class);
				GizmoRepository blocking = context.getBean(GizmoRepository.class);
				Gizmo red = reactive.save(new Gizmo(null, null, null, "red")).block(WAIT);
				reactive.save(new Gizmo(null, null, null, "blue")).block(WAIT);
				Gizmo redder = reactive.save(red).block(WAIT);
				assertThat(redder.version()).isEqualTo(2L);
				assertThat(reactive.findByColor("red").collectList().block(WAIT)).containsExactly(redder);
				assertThat(reactive.countByColor("blue").block(WAIT)).isEqualTo(1);
				assertThat(blocking.findByColor("red")).as("what the reactive one wrote").containsExactly(redder);
				assertThat(reactive.findVersions(red.id()).collectList().block(WAIT)).hasSize(2);
			});
	}

	@Test
	void theRepositoryTypePropertyChoosesTheKinds() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-only"),
					"spring.data.singletable.repositories.type=reactive")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ReactiveGizmoRepository.class)
				.doesNotHaveBean(GizmoRepository.class));
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("imperative-only"),
					"spring.data.singletable.repositories.type=imperative")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(GizmoRepository.class)
				.doesNotHaveBean(ReactiveGizmoRepository.class));
	}

	@Test
	void backsOffWhenDisabledWithoutReactorOrWhenTheApplicationEnablesThemItself() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-norepos"),
					"singletable.repositories.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveGizmoRepository.class));
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-noreactor"))
			.withClassLoader(new FilteredClassLoader("reactor.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveSingleTableRepositoryFactoryBean.class)
				.hasSingleBean(GizmoRepository.class));
		this.contextRunner.withUserConfiguration(ExplicitRepositories.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("reactive-explicit"))
			.run((context) -> assertThat(context).hasNotFailed()
				.getBeanNames(ReactiveGizmoRepository.class)
				.hasSize(1));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableReactiveSingleTableRepositories(basePackageClasses = ReactiveGizmoRepository.class)
	static class ExplicitRepositories {

	}

}
