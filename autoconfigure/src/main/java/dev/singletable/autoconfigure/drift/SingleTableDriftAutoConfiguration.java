package dev.singletable.autoconfigure.drift;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableDefinitions;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of drift detection, on unless
 * {@code singletable.drift.enabled=false}: the {@link SingleTableDefinitions} of the application's template and the
 * {@link SingleTableDriftCheck} that checks them at start-up and sets them on the template. The definitions are
 * added as listener to every {@link SingleTableBackfills} bean, so a complete backfill records what it brought up to
 * date. Every bean backs off for one the application defines.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ SingleTableTemplate.class, SingleTableDefinitions.class })
@ConditionalOnBean(SingleTableTemplate.class)
@ConditionalOnBooleanProperty(name = "singletable.drift.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SingleTableDriftProperties.class)
public final class SingleTableDriftAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SingleTableDefinitions singleTableDefinitions(SingleTableTemplate template) {
		return new SingleTableDefinitions(template);
	}

	@Bean(SingleTableDriftCheck.BEAN_NAME)
	@ConditionalOnMissingBean
	SingleTableDriftCheck singleTableDriftCheck(SingleTableDefinitions definitions, SingleTableTemplate template,
			SingleTableDriftProperties properties, ObjectProvider<SingleTableBackfills> backfills) {
		backfills.orderedStream().forEach((bean) -> bean.addListener(definitions));
		return new SingleTableDriftCheck(definitions, template, properties.onQuery());
	}

}
