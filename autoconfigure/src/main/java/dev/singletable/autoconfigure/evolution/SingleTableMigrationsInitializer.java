package dev.singletable.autoconfigure.evolution;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.InitializingBean;

import dev.singletable.autoconfigure.drift.SingleTableDriftCheck;
import dev.singletable.evolution.MigrationFailedException;
import dev.singletable.evolution.MigrationState;
import dev.singletable.evolution.SingleTableDefinitions;
import dev.singletable.evolution.SingleTableMigrations;

/**
 * Applies the pending recorded migrations when it is initialized, as Spring Boot's {@code FlywayMigrationInitializer}
 * does for Flyway: start-up waits until they are applied, on this instance or another of the fleet, and a failed
 * step stops it with a {@link MigrationFailedException}.
 * <p>
 * It runs after the template (the migrations are built on it, so the table is set up) and after the drift check:
 * a bean named {@value #DRIFT_CHECK_BEAN_NAME}, when the context has one, is created and run first (rather than once
 * the application is ready, as it runs without migrations), so that the types
 * registered for the first time are recorded and drift is reported before any migration rewrites items. Once the
 * migrations are applied, the {@link SingleTableDefinitions} bean (when there is one) checks the stored definitions
 * again, so the application starts without refusing queries that the migrations made safe.
 */
public class SingleTableMigrationsInitializer implements InitializingBean, BeanFactoryAware {

	/** The name of the bean that checks the stored definitions at start-up, created before the migrations run. */
	public static final String DRIFT_CHECK_BEAN_NAME = SingleTableDriftCheck.BEAN_NAME;

	private final SingleTableMigrations migrations;

	private @Nullable BeanFactory beanFactory;

	/**
	 * Creates an initializer.
	 * @param migrations the migrations to apply
	 */
	public SingleTableMigrationsInitializer(SingleTableMigrations migrations) {
		this.migrations = migrations;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	/**
	 * Creates and runs the drift check when the context has one, then applies the migrations, then, when some were not
	 * applied before, checks the stored definitions again: what the migrations brought up to date (on this instance
	 * or another) is no longer refused.
	 * @throws MigrationFailedException when a step fails or an applied migration changed
	 */
	@Override
	public void afterPropertiesSet() {
		BeanFactory beans = this.beanFactory;
		boolean drift = beans != null && beans.containsBean(DRIFT_CHECK_BEAN_NAME);
		if (drift && beans.getBean(DRIFT_CHECK_BEAN_NAME) instanceof SingleTableDriftCheck check) {
			// the migrations are network at start-up the application asked for: the check runs before them
			check.run();
		}
		boolean pending = drift && this.migrations.info()
			.stream()
			.anyMatch((migration) -> migration.state() != MigrationState.SUCCESS);
		this.migrations.migrate();
		if (pending) {
			beans.getBeanProvider(SingleTableDefinitions.class).ifUnique(SingleTableDefinitions::check);
		}
	}

	/**
	 * Returns the migrations this initializer applies.
	 * @return the migrations
	 */
	public SingleTableMigrations getMigrations() {
		return this.migrations;
	}

}
