package dev.singletable.autoconfigure.transaction;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.transaction.names.GadgetApplication;
import dev.singletable.autoconfigure.transaction.names.GadgetRepository;
import dev.singletable.autoconfigure.transaction.shop.Customer;
import dev.singletable.autoconfigure.transaction.shop.CustomerRepository;
import dev.singletable.autoconfigure.transaction.shop.ShopApplication;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.repository.config.EnableSingleTableRepositories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction manager named in {@code @Transactional("name")} or
 * {@code @EnableSingleTableRepositories(transactionManagerRef = "name")} that does not exist fails start-up, naming
 * the name, the repository or bean and method, and the transaction managers there are.
 */
class TransactionManagerNamesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.table-name=" + TestTables.uniqueName("tx-names"));

	@Test
	void aRepositoryMethodNamingAMissingTransactionManagerFailsStartUp() {
		this.contextRunner.withUserConfiguration(GadgetApplication.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Repository " + GadgetRepository.class.getName())
				.hasMessageContaining("method saveElsewhere is annotated @Transactional(\"missingManager\")")
				.hasMessageContaining("the transaction managers are [singleTableTransactionManager]");
		});
	}

	@Test
	void aTransactionManagerRefNamingNoBeanFailsStartUp() {
		this.contextRunner.withUserConfiguration(MissingRefApplication.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageMatching("Repository " + Pattern.quote(ShopApplication.class.getPackageName())
						+ "\\.\\w+Repository: .*")
				.hasMessageContaining("transactionManagerRef = \"noSuchManager\"")
				.hasMessageContaining("[singleTableTransactionManager]");
		});
	}

	@Test
	void aSingletableBeanMethodNamingAMissingTransactionManagerFailsStartUp() {
		this.contextRunner.withUserConfiguration(ShopApplication.class, MissingManagerServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Bean 'missingManagerService' (" + MissingManagerService.class.getName() + ")")
					.hasMessageContaining("method rename is annotated @Transactional(\"mainTransactionManager\")")
					.hasMessageContaining("[singleTableTransactionManager]");
			});
	}

	@Test
	void aMissingTransactionManagerNamedOnlyByAnInterfaceMethodFailsStartUp() {
		this.contextRunner.withUserConfiguration(ShopApplication.class, InterfaceNamedServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Bean 'interfaceNamedService' (" + InterfaceNamedService.class.getName() + ")")
					.hasMessageContaining("method rename is annotated @Transactional(\"mainTransactionManager\")");
			});
	}

	@Test
	void aMissingTransactionManagerNamedOnlyByAnInterfacesOwnInterfaceFailsStartUp() {
		this.contextRunner.withUserConfiguration(ShopApplication.class, SuperinterfaceNamedServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("Bean 'superinterfaceNamedService' ("
							+ SuperinterfaceNamedService.class.getName() + ")")
					.hasMessageContaining("method rename is annotated @Transactional(\"mainTransactionManager\")");
			});
	}

	@Test
	void namesThatResolveByBeanNameOrQualifierStartAndBeansWithoutSingletableAreNotLookedAt() {
		this.contextRunner
			.withUserConfiguration(ShopApplication.class, ResolvingServicesConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(QualifiedService.class).hasSingleBean(UnrelatedService.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@Import(ShopApplication.class)
	@EnableSingleTableRepositories(basePackageClasses = ShopApplication.class, transactionManagerRef = "noSuchManager")
	static class MissingRefApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class MissingManagerServiceConfiguration {

		@Bean
		MissingManagerService missingManagerService(SingleTableOperations template) {
			return new MissingManagerService(template);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceNamedServiceConfiguration {

		@Bean
		InterfaceNamedService interfaceNamedService(SingleTableOperations template) {
			return new InterfaceNamedService(template);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SuperinterfaceNamedServiceConfiguration {

		@Bean
		SuperinterfaceNamedService superinterfaceNamedService(SingleTableOperations template) {
			return new SuperinterfaceNamedService(template);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ResolvingServicesConfiguration {

		@Bean
		QualifiedService qualifiedService(CustomerRepository customers) {
			return new QualifiedService(customers);
		}

		@Bean
		UnrelatedService unrelatedService() {
			return new UnrelatedService();
		}

		@Bean
		@Qualifier("other")
		SingleTableTransactionManagerAutoConfigurationTests.RecordingTransactionManager otherTransactionManager() {
			return new SingleTableTransactionManagerAutoConfigurationTests.RecordingTransactionManager();
		}

	}

	/** Writes through the template in a transaction manager that does not exist. */
	static class MissingManagerService {

		private final SingleTableOperations template;

		MissingManagerService(SingleTableOperations template) {
			this.template = template;
		}

		@Transactional("mainTransactionManager")
		public Customer rename(Customer customer, String name) {
			return this.template.update(new Customer(customer.id(), name));
		}

	}

	/** Declares a transaction manager that does not exist on a method its implementations inherit. */
	interface Renaming {

		@Transactional("mainTransactionManager")
		Customer rename(Customer customer, String name);

	}

	/** Writes through the template; its method's annotation is declared by the interface only. */
	static class InterfaceNamedService implements Renaming {

		private final SingleTableOperations template;

		InterfaceNamedService(SingleTableOperations template) {
			this.template = template;
		}

		@Override
		public Customer rename(Customer customer, String name) {
			return this.template.update(new Customer(customer.id(), name));
		}

	}

	/** Declares nothing itself: the missing name is on the method of the interface it extends. */
	interface RenamingInherited extends Renaming {

	}

	/** Writes through the template; its method's annotation is declared by its interface's own interface only. */
	static class SuperinterfaceNamedService implements RenamingInherited {

		private final SingleTableOperations template;

		SuperinterfaceNamedService(SingleTableOperations template) {
			this.template = template;
		}

		@Override
		public Customer rename(Customer customer, String name) {
			return this.template.update(new Customer(customer.id(), name));
		}

	}

	/** Names the singletable manager by bean name and another one by qualifier. */
	static class QualifiedService {

		private final CustomerRepository customers;

		QualifiedService(CustomerRepository customers) {
			this.customers = customers;
		}

		@Transactional("singleTableTransactionManager")
		public Customer save(Customer customer) {
			return this.customers.save(customer);
		}

		@Transactional("other")
		public long count() {
			return this.customers.count();
		}

	}

	/** No singletable dependency: its names are not looked at by singletable. */
	static class UnrelatedService {

		@Transactional("someOtherStoresManager")
		public void work() {
		}

	}

}
