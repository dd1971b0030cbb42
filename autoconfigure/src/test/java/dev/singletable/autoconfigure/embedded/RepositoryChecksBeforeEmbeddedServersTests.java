package dev.singletable.autoconfigure.embedded;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableBlobsAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.badquery.LikeWidgetRepository;
import dev.singletable.autoconfigure.badreactivequery.LikeGizmoRepository;
import dev.singletable.autoconfigure.blobfixtures.Manual;
import dev.singletable.autoconfigure.customfragment.FragmentWidgetRepository;
import dev.singletable.autoconfigure.data.reactiverepo.Gizmo;
import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.autoconfigure.diagnostics.UnsupportedQueryMethodFailureAnalyzer;
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.query.UnsupportedQueryMethodException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repository definitions are checked before the embedded servers start: an application whose repository (blocking
 * or reactive) declares a method no query can be derived for fails startup, explained by its failure analysis,
 * without having started DynamoDB Local or the embedded S3. A valid application starts both servers side by side: the
 * embedded S3 is asked to start before DynamoDB Local is, rather than once DynamoDB Local is up.
 */
@ExtendWith(OutputCaptureExtension.class)
class RepositoryChecksBeforeEmbeddedServersTests {

	/** Names of the server beans initialized (and so started), in order. */
	static final List<String> servers = new CopyOnWriteArrayList<>();

	/** Whether the embedded S3 was starting or running when the DynamoDB Local bean was initialized. */
	static final Map<String, Boolean> s3StartingWhenDynamoDbLocalStarted = new ConcurrentHashMap<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableBlobsAutoConfiguration.class))
		.withUserConfiguration(ServerStarts.class)
		.withPropertyValues("singletable.blobs.bucket=checked");

	@BeforeEach
	void forgetServers() {
		servers.clear();
		s3StartingWhenDynamoDbLocalStarted.clear();
	}

	@Test
	void anUnderivableBlockingQueryMethodFailsStartupBeforeAnyEmbeddedServerStarts(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(BlockingBadQuery.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("bad-blocking"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(UnsupportedQueryMethodException.class)
					.hasMessageContaining("LikeWidgetRepository.findByColorLike");
				FailureAnalysis analysis = new UnsupportedQueryMethodFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("findByColorLike");
			});
		assertThat(servers).isEmpty();
		assertThat(output).doesNotContain("Started embedded DynamoDB Local").doesNotContain("Started embedded S3");
	}

	@Test
	void anUnderivableReactiveQueryMethodFailsStartupBeforeAnyEmbeddedServerStarts(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(ReactiveBadQuery.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("bad-reactive"))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(UnsupportedQueryMethodException.class)
					.hasMessageContaining("LikeGizmoRepository.findByColorLike");
				assertThat(new UnsupportedQueryMethodFailureAnalyzer().analyze(context.getStartupFailure()))
					.isNotNull();
			});
		assertThat(servers).isEmpty();
		assertThat(output).doesNotContain("Started embedded DynamoDB Local").doesNotContain("Started embedded S3");
	}

	@Test
	void aMethodAnsweredByAFragmentIsNoQueryAndBothServersStartSideBySide(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(FragmentRepository.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("fragment"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				FragmentWidgetRepository widgets = context.getBean(FragmentWidgetRepository.class);
				assertThat(widgets.findByColorLikeWithinBudget("r%")).isEmpty();
				Widget red = widgets.save(new Widget(null, null, null, "red"));
				assertThat(widgets.findByColor("red")).containsExactly(red);
				assertThat(servers).containsExactly("singleTableEmbeddedS3", "embeddedDynamoDbLocal");
				assertThat(s3StartingWhenDynamoDbLocalStarted).containsEntry("embeddedDynamoDbLocal", true);
			});
		assertThat(output).contains("Started embedded DynamoDB Local").contains("Started embedded S3");
	}

	/**
	 * Records each embedded server bean before it is initialized, that is before it starts, and whether the
	 * embedded S3 was starting when DynamoDB Local's turn came.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ServerStarts {

		@Bean
		static BeanPostProcessor serverStarts() {
			return new Recorder();
		}

		static final class Recorder implements BeanPostProcessor, BeanFactoryAware {

			private BeanFactory beanFactory;

			@Override
			public void setBeanFactory(BeanFactory beanFactory) {
				this.beanFactory = beanFactory;
			}

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof EmbeddedDynamoDbLocal) {
					EmbeddedS3 s3 = this.beanFactory.getBeanProvider(EmbeddedS3.class).getIfAvailable();
					s3StartingWhenDynamoDbLocalStarted.put(beanName, s3 != null && s3.isStartingOrRunning());
				}
				if (bean instanceof EmbeddedDynamoDbLocal || bean instanceof EmbeddedS3) {
					servers.add(beanName);
				}
				return bean;
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = { Widget.class, Manual.class })
	@EnableSingleTableRepositories(basePackageClasses = LikeWidgetRepository.class)
	static class BlockingBadQuery {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = { Gizmo.class, Manual.class })
	@EnableReactiveSingleTableRepositories(basePackageClasses = LikeGizmoRepository.class)
	static class ReactiveBadQuery {

	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = { Widget.class, Manual.class })
	@EnableSingleTableRepositories(basePackageClasses = FragmentWidgetRepository.class)
	static class FragmentRepository {

	}

}
