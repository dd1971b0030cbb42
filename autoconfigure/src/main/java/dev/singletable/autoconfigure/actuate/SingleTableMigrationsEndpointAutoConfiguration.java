package dev.singletable.autoconfigure.actuate;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.singletable.autoconfigure.evolution.SingleTableMigrationsAutoConfiguration;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableMigrations;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableMigrationsEndpoint}, created when the
 * endpoint is available (enabled, the default, and exposed: {@code management.endpoints.web.exposure.include}),
 * whether or not the application declares migrations, as Spring Boot's {@code flyway} endpoint: it lists the
 * application's {@link SingleTableMigrations}, or, without any, the migrations the table recorded (an empty list for
 * a table that never had one).
 */
@AutoConfiguration(after = SingleTableMigrationsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, SingleTableMigrations.class })
@ConditionalOnBean(SingleTableBackfills.class)
@ConditionalOnAvailableEndpoint(SingleTableMigrationsEndpoint.class)
public final class SingleTableMigrationsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SingleTableMigrationsEndpoint singleTableMigrationsEndpoint(ObjectProvider<SingleTableMigrations> migrations,
			SingleTableBackfills backfills) {
		// without migration beans, none are declared: the endpoint shows what the table recorded
		return new SingleTableMigrationsEndpoint(
				migrations.getIfUnique(() -> new SingleTableMigrations(backfills, List.of())));
	}

}
