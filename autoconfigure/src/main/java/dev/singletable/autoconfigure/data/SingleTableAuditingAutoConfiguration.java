package dev.singletable.autoconfigure.data;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.mapping.event.AuditingEntityCallback;

/**
 * Enables singletable auditing, as
 * {@link EnableSingleTableAuditing @EnableSingleTableAuditing} with its defaults, when the application has an
 * {@link AuditorAware} bean and has not enabled auditing itself (no {@link AuditingEntityCallback} bean).
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass(AuditorAware.class)
@ConditionalOnBean({ SingleTableOperations.class, AuditorAware.class })
@ConditionalOnMissingBean(AuditingEntityCallback.class)
@EnableSingleTableAuditing
public final class SingleTableAuditingAutoConfiguration {

}
