package dev.singletable.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.colliding.alpha.Item;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entity types whose prefixes collide fail startup, when the scanned entities are added to the mapping context,
 * naming both classes and how to set a prefix; no request is made.
 */
class PrefixCollisionAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty());

	@Test
	void twoScannedTypesWithTheSamePrefixFailStartupNamingBoth() {
		this.contextRunner.withUserConfiguration(CollidingEntityScan.class)
			.withPropertyValues("singletable.table-name=colliding", "singletable.table.create=none")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidEntityDefinitionException.class)
					.hasMessageContaining(Item.class.getName())
					.hasMessageContaining(dev.singletable.autoconfigure.colliding.beta.Item.class.getName())
					.hasMessageContaining("@SingleTableEntity(prefix = \"...\")");
			});
	}

	/**
	 * Scans the packages of two entities named {@code Item}.
	 */
	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Item.class, basePackages = "dev.singletable.autoconfigure.colliding.beta")
	static class CollidingEntityScan {

	}

}
