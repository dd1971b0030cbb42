package dev.singletable.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.singletable.autoconfigure.evolution.SingleTableMigrationsAutoConfiguration;
import dev.singletable.evolution.SingleTableMigrations;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableMigrationsEndpoint}, created when the
 * application has {@link SingleTableMigrations} and the endpoint is available: enabled (the default) and exposed
 * ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = SingleTableMigrationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, SingleTableMigrations.class })
@ConditionalOnBean(SingleTableMigrations.class)
@ConditionalOnAvailableEndpoint(SingleTableMigrationsEndpoint.class)
public final class SingleTableMigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SingleTableMigrationsEndpoint singleTableMigrationsEndpoint(SingleTableMigrations migrations) {
		return new SingleTableMigrationsEndpoint(migrations);
	}

}
