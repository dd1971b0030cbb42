package dev.singletable.autoconfigure.transaction;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.aop.ClassFilter;
import org.springframework.aop.support.AopUtils;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.Ordered;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.ProxyTransactionManagementConfiguration;
import org.springframework.transaction.annotation.RollbackOn;
import org.springframework.transaction.annotation.TransactionManagementConfigurer;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.config.TransactionManagementConfigUtils;
import org.springframework.transaction.event.TransactionalEventListenerFactory;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfigurationTests.RecordingTransactionManager;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transaction beans the starter defines when its transaction manager is what switches transaction management on:
 * every way of declaring a transaction still runs in one, a bean that declares none is passed over before any of its
 * methods is searched, the interceptor is made only when a proxy first needs it and Spring's
 * {@code ProxyTransactionManagementConfiguration} never, and the applications that chose their own source,
 * interceptor, configurer, {@code @EnableTransactionManagement} or another manager keep Spring's definitions.
 */
class TransactionInfrastructureTests {

	private static final String ADVISOR = TransactionManagementConfigUtils.TRANSACTION_ADVISOR_BEAN_NAME;

	private static final String INTERCEPTOR = "transactionInterceptor";

	private static final String CONFIGURATION = ProxyTransactionManagementConfiguration.class.getName();

	private final ApplicationContextRunner withoutBootTransactions = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(DeclaringApplication.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	private final ApplicationContextRunner contextRunner = this.withoutBootTransactions.withConfiguration(
			AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class));

	@Test
	void everyWayOfDeclaringATransactionStillRunsInOne() {
		run(this.contextRunner, "declared", (context) -> {
			assertThat(context.getBean(TransactionAttributeSource.class))
				.isInstanceOf(DeclaredTransactionAttributeSource.class);
			Object factory = context.getBean(SingleTableTemplate.class).getDatabaseFactory();
			for (Class<? extends Observing> type : DeclaringApplication.TRANSACTIONAL) {
				Observing bean = context.getBean(type);
				assertThat(AopUtils.isAopProxy(bean)).as(type.getSimpleName()).isTrue();
				Observed observed = bean.observe();
				assertThat(observed.active()).as(type.getSimpleName()).isTrue();
				assertThat(observed.resources()).as(type.getSimpleName()).contains(factory);
			}
		});
	}

	@Test
	void aBeanThatDeclaresNoTransactionIsNotProxiedAndNoneOfItsMethodsIsSearched() {
		run(this.contextRunner, "plain", (context) -> {
			TransactionAttributeSource source = context.getBean(TransactionAttributeSource.class);
			PlainService plain = context.getBean(PlainService.class);
			assertThat(AopUtils.isAopProxy(plain)).isFalse();
			assertThat(plain.observe().active()).isFalse();
			Class<?> clientType = context.getBean(DynamoDbClient.class).getClass();
			assertThat(source.isCandidateClass(PlainService.class)).isFalse();
			assertThat(source.isCandidateClass(clientType)).isFalse();
			// the auto-proxy creator asks the advisor's method matcher only about classes its class filter accepts
			ClassFilter classFilter = context.getBean(BeanFactoryTransactionAttributeSourceAdvisor.class)
				.getPointcut()
				.getClassFilter();
			assertThat(classFilter.matches(PlainService.class)).isFalse();
			assertThat(classFilter.matches(clientType)).isFalse();
			for (Class<? extends Observing> type : DeclaringApplication.TRANSACTIONAL) {
				assertThat(classFilter.matches(type)).as(type.getSimpleName()).isTrue();
			}
		});
	}

	@Test
	void theSourceIsSpringsDefaultOneButForItsClassFilterAndTheAdvisorAndInterceptorShareIt() {
		run(this.contextRunner, "shared", (context) -> {
			TransactionAttributeSource source = context.getBean("transactionAttributeSource",
					TransactionAttributeSource.class);
			// the same parsers and the same acceptance of protected methods as ProxyTransactionManagementConfiguration's
			assertThat(source).isInstanceOf(DeclaredTransactionAttributeSource.class)
				.isEqualTo(new AnnotationTransactionAttributeSource(false));
			assertThat(context.getBean(BeanFactoryTransactionAttributeSourceAdvisor.class).getPointcut())
				.extracting("transactionAttributeSource")
				.isSameAs(source);
			assertThat(context.getBean(TransactionInterceptor.class).getTransactionAttributeSource()).isSameAs(source);
		});
	}

	@Test
	void withoutSpringBootsTransactionModuleTheStartersEnablingGetsTheSourceToo() {
		run(this.withoutBootTransactions.withClassLoader(new FilteredClassLoader("org.springframework.boot.transaction")),
				"alone", (context) -> {
					assertThat(context.getBean(TransactionAttributeSource.class))
						.isInstanceOf(DeclaredTransactionAttributeSource.class);
					assertThat(context.getBean(InterfaceMethodService.class).observe().active()).isTrue();
					assertThat(AopUtils.isAopProxy(context.getBean(PlainService.class))).isFalse();
				});
	}

	@Test
	void anApplicationsOwnSourceIsNotReplaced() {
		AnnotationTransactionAttributeSource own = new AnnotationTransactionAttributeSource(false);
		run(this.contextRunner.withAllowBeanDefinitionOverriding(true)
			.withBean("transactionAttributeSource", TransactionAttributeSource.class, () -> own), "own", (context) -> {
				assertSprings(context);
				assertThat(context.getBean(TransactionAttributeSource.class)).isSameAs(own);
				assertThat(context.getBean(ClassLevelService.class).observe().active()).isTrue();
				// Spring's default filter accepts every class outside java.*
				assertThat(context.getBean(BeanFactoryTransactionAttributeSourceAdvisor.class)
					.getPointcut()
					.getClassFilter()
					.matches(PlainService.class)).isTrue();
			});
	}

	@Test
	void anApplicationThatEnablesTransactionManagementItselfKeepsSpringsSource() {
		run(this.contextRunner.withUserConfiguration(RollingBackOnAllExceptions.class), "enabled", (context) -> {
			assertSprings(context);
			TransactionAttributeSource source = context.getBean(TransactionAttributeSource.class);
			assertThat(source.getClass()).isEqualTo(AnnotationTransactionAttributeSource.class);
			assertThat(source.getTransactionAttribute(ClassLevelService.class.getMethod("observe"),
					ClassLevelService.class)
				.rollbackOn(new Exception())).isTrue();
		});
	}

	@Test
	void besideAnotherTransactionManagerSpringsSourceIsLeftAlone() {
		run(this.contextRunner.withBean("otherTransactionManager",
				RecordingTransactionManager.class), "other",
				(context) -> {
					assertSprings(context);
					assertThat(context.getBean(TransactionAttributeSource.class).getClass())
						.isEqualTo(AnnotationTransactionAttributeSource.class);
					assertThat(context).doesNotHaveBean(TransactionInfrastructurePostProcessor.class);
				});
	}

	@Test
	void withTheStartersTransactionManagerSwitchedOffNothingOfSpringsChanges() {
		run(this.contextRunner
			.withBean("otherTransactionManager",
					RecordingTransactionManager.class)
			.withPropertyValues("singletable.transaction.enabled=false"), "off", (context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(TransactionInfrastructurePostProcessor.class);
				assertThat(context.getBean(TransactionAttributeSource.class).getClass())
					.isEqualTo(AnnotationTransactionAttributeSource.class);
				assertThat(context.getBean(ClassLevelService.class).observe().active()).isTrue();
			});
		run(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
					SingleTableTransactionManagerAutoConfiguration.class,
					TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
			.withBean(PlainService.class)
			.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
					"singletable.transaction.enabled=false"),
				"off-alone", (context) -> assertThat(context).hasNotFailed()
					.doesNotHaveBean(TransactionAttributeSource.class)
					.doesNotHaveBean(TransactionInfrastructurePostProcessor.class));
	}

	@Test
	void theInterceptorIsMadeAtTheFirstTransactionalCallAndSpringsConfigurationNeverWithJdkProxies() {
		run(this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false"), "lazy-jdk", (context) -> {
			assertRedefined(context);
			ConfigurableListableBeanFactory beans = context.getBeanFactory();
			Observing bean = context.getBean("dev.singletable.autoconfigure.transaction.TransactionInfrastructureTests$"
					+ "InterfaceMethodService", Observing.class);
			assertThat(AopUtils.isJdkDynamicProxy(bean)).isTrue();
			assertThat(beans.containsSingleton(INTERCEPTOR)).isFalse();

			assertThat(bean.observe().active()).isTrue();

			assertThat(beans.containsSingleton(INTERCEPTOR)).isTrue();
			assertThat(beans.containsSingleton(CONFIGURATION)).isFalse();
			// the advisor's advice is the interceptor bean, with the source the advisor matches with
			BeanFactoryTransactionAttributeSourceAdvisor advisor = context
				.getBean(BeanFactoryTransactionAttributeSourceAdvisor.class);
			assertThat(advisor.getAdvice()).isSameAs(context.getBean(INTERCEPTOR));
			assertThat(advisor.getOrder()).isEqualTo(Ordered.LOWEST_PRECEDENCE);
		});
	}

	@Test
	void withoutTransactionalBeansNeitherTheInterceptorNorSpringsConfigurationIsMadeAtStart() {
		run(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
					SingleTableTransactionManagerAutoConfiguration.class,
					TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
			.withBean(PlainService.class)
			.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing"), "lazy",
				(context) -> {
					assertRedefined(context);
					ConfigurableListableBeanFactory beans = context.getBeanFactory();
					assertThat(beans.containsSingleton(ADVISOR)).isTrue();
					assertThat(beans.containsSingleton(INTERCEPTOR)).isFalse();
					assertThat(beans.containsSingleton(CONFIGURATION)).isFalse();
					// programmatic transactions need neither
					Boolean active = context.getBean(TransactionTemplate.class)
						.execute((status) -> TransactionSynchronizationManager.isActualTransactionActive());
					assertThat(active).isTrue();
					assertThat(beans.containsSingleton(INTERCEPTOR)).isFalse();
				});
	}

	@Test
	void withCglibProxiesEveryWayOfDeclaringATransactionRunsThroughTheRedefinedBeans() {
		run(this.contextRunner, "cglib", (context) -> {
			assertRedefined(context);
			Observing bean = context.getBean(ClassLevelService.class);
			assertThat(AopUtils.isCglibProxy(bean)).isTrue();
			assertThat(bean.observe().active()).isTrue();
			assertThat(context.getBeanFactory().containsSingleton(CONFIGURATION)).isFalse();
		});
	}

	@Test
	void anApplicationsTransactionManagementConfigurerKeepsSpringsDefinitions() {
		RecordingTransactionManager configured = new RecordingTransactionManager();
		run(this.contextRunner.withBean(Configurer.class, () -> new Configurer(configured)), "configurer",
				(context) -> {
					assertSprings(context);
					assertThat(context.getBean(TransactionInterceptor.class).getTransactionManager())
						.isSameAs(configured);
				});
	}

	@Test
	void anApplicationsOwnTransactionInterceptorKeepsSpringsDefinitions() {
		TransactionInterceptor own = new TransactionInterceptor();
		own.setTransactionAttributeSource(new AnnotationTransactionAttributeSource(false));
		run(this.contextRunner.withBean("ownTransactionInterceptor", TransactionInterceptor.class, () -> own),
				"own-interceptor", (context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBeanFactory().getBeanDefinition(ADVISOR).getFactoryBeanName())
						.isEqualTo(CONFIGURATION);
					assertThat(context.getBeanFactory().getBeanDefinition(INTERCEPTOR).getFactoryBeanName())
						.isEqualTo(CONFIGURATION);
				});
	}

	@Test
	void processedAheadOfTimeTheGeneratedDefinitionsMakeTheRedefinedBeansAndLeaveThePostProcessorOut() throws Exception {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(AheadOfTimeApplication.class)), files);
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(AheadOfTimeApplication.class);
			TestPropertyValues.of("singletable.table-name=aot", "singletable.embedded.enabled=false",
					"singletable.table.create=none", "singletable.drift.enabled=false").applyTo(context);
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			generation.writeGeneratedContent();
		}
		// the hints Spring's configuration imported (TransactionRuntimeHints) are still registered without it
		for (Class<?> type : List.of(Isolation.class, Propagation.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS))
				.as("reflection hint on %s", type.getSimpleName())
				.accepts(generation.getRuntimeHints());
		}
		// registered through aot.factories, read only here: nothing on the advisor's factory method for a start to read
		assertThat(TransactionInfrastructureBeans.class
			.getDeclaredMethod("transactionAdvisor", TransactionAttributeSource.class)
			.getDeclaredAnnotations()).isEmpty();
		StringBuilder sources = new StringBuilder();
		for (InputStreamSource source : files.getGeneratedFiles(GeneratedFiles.Kind.SOURCE).values()) {
			sources.append(new String(source.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		assertThat(sources).contains("new RootBeanDefinition(DeclaredTransactionAttributeSource.class)",
				"registerBeanDefinition(\"transactionAttributeSource\"",
				"TransactionInfrastructureBeans.transactionAdvisor(", "TransactionInfrastructureBeans.transactionInterceptor(",
				"registerBeanDefinition(\"transactionInterceptor\"", "setLazyInit(true)",
				"registerBeanDefinition(\"org.springframework.transaction.config.internalTransactionalEventListenerFactory\"")
			.doesNotContain("TransactionInfrastructurePostProcessor",
					"singleTableTransactionInfrastructurePostProcessor",
					// Spring's configuration, the only ImportAware bean, is not defined: no post-processor for it
					"registerBeanDefinition(\"" + CONFIGURATION + "\"", "ImportAwareAotBeanPostProcessor");
	}

	/**
	 * Asserts that the advisor and the interceptor are the starter's definitions, that the interceptor is lazy and that
	 * Spring's configuration is not defined, its static transactional event listener factory still is.
	 * @param context the application
	 */
	static void assertRedefined(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		for (String name : List.of(ADVISOR, INTERCEPTOR)) {
			BeanDefinition definition = beans.getBeanDefinition(name);
			assertThat(definition.getBeanClassName()).as(name).isEqualTo(TransactionInfrastructureBeans.class.getName());
			assertThat(definition.isLazyInit()).as(name).isEqualTo(name.equals(INTERCEPTOR));
		}
		assertThat(beans.containsBeanDefinition(CONFIGURATION)).isFalse();
		// the configuration's static bean needs no instance of it
		assertThat(beans.getBean(TransactionManagementConfigUtils.TRANSACTIONAL_EVENT_LISTENER_FACTORY_BEAN_NAME))
			.isInstanceOf(TransactionalEventListenerFactory.class);
	}

	private static void assertSprings(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		for (String name : List.of(ADVISOR, INTERCEPTOR)) {
			assertThat(beans.getBeanDefinition(name).getFactoryBeanName()).as(name).isEqualTo(CONFIGURATION);
		}
		assertThat(beans.containsSingleton(INTERCEPTOR)).isTrue();
		assertThat(beans.containsSingleton(CONFIGURATION)).isTrue();
	}

	private static void run(ApplicationContextRunner runner, String table,
			org.springframework.boot.test.context.runner.ContextConsumer<AssertableApplicationContext> test) {
		runner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-source-" + table)).run(test);
	}

	/** What a method saw of the transaction it ran in. */
	public record Observed(boolean active, Set<Object> resources) {

		public static Observed now() {
			return new Observed(TransactionSynchronizationManager.isActualTransactionActive(),
					Set.copyOf(TransactionSynchronizationManager.getResourceMap().keySet()));
		}

	}

	public interface Observing {

		Observed observe();

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ ClassLevelService.class, MethodLevelService.class, InterfaceMethodService.class,
			SuperinterfaceMethodService.class, SuperclassMethodService.class, ComposedAnnotationService.class,
			JtaService.class, PlainService.class })
	public static class DeclaringApplication {

		static final Set<Class<? extends Observing>> TRANSACTIONAL = Set.of(ClassLevelService.class,
				MethodLevelService.class, InterfaceMethodService.class, SuperinterfaceMethodService.class,
				SuperclassMethodService.class, ComposedAnnotationService.class, JtaService.class);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
			SingleTableTransactionManagerAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
			TransactionAutoConfiguration.class })
	@Import(ClassLevelService.class)
	public static class AheadOfTimeApplication {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.region(Region.US_EAST_1)
				.endpointOverride(URI.create("http://127.0.0.1:9"))
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement(rollbackOn = RollbackOn.ALL_EXCEPTIONS)
	public static class RollingBackOnAllExceptions {

	}

	@Transactional
	public static class ClassLevelService implements Observing {

		@Override
		public Observed observe() {
			return Observed.now();
		}

	}

	public static class MethodLevelService implements Observing {

		@Override
		@Transactional
		public Observed observe() {
			return Observed.now();
		}

	}

	public interface TransactionalContract extends Observing {

		@Override
		@Transactional
		Observed observe();

	}

	/** Transactional only through the method of the interface it implements. */
	public static class InterfaceMethodService implements TransactionalContract {

		@Override
		public Observed observe() {
			return Observed.now();
		}

	}

	/** An interface that declares nothing itself, extending one that does. */
	public interface InheritedContract extends TransactionalContract {

	}

	/** Transactional only through the method of its interface's own interface. */
	public static class SuperinterfaceMethodService implements InheritedContract {

		@Override
		public Observed observe() {
			return Observed.now();
		}

	}

	public abstract static class TransactionalBase implements Observing {

		@Override
		@Transactional
		public Observed observe() {
			return Observed.now();
		}

	}

	/** Transactional only through the superclass method it overrides. */
	public static class SuperclassMethodService extends TransactionalBase {

		@Override
		public Observed observe() {
			return Observed.now();
		}

	}

	public static class ComposedAnnotationService implements Observing {

		@Override
		@SingleTableTransactional
		public Observed observe() {
			return Observed.now();
		}

	}

	public static class JtaService implements Observing {

		@Override
		@jakarta.transaction.Transactional
		public Observed observe() {
			return Observed.now();
		}

	}

	public static class PlainService implements Observing {

		@Override
		public Observed observe() {
			return Observed.now();
		}

	}

	/** An application's choice of the manager of {@code @Transactional}. */
	public static class Configurer implements TransactionManagementConfigurer {

		private final TransactionManager manager;

		Configurer(TransactionManager manager) {
			this.manager = manager;
		}

		@Override
		public TransactionManager annotationDrivenTransactionManager() {
			return this.manager;
		}

	}

}
