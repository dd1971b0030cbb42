package dev.singletable.autoconfigure.data;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.ReactiveAuditingHandler;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.data.mapping.context.PersistentEntities;

import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.core.config.StoredPrecisionDateTimeProvider;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.event.ReactiveAuditingEntityCallback;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import reactor.core.publisher.Mono;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the reactive template's auditing
 * ({@code @CreatedBy}/{@code @LastModifiedBy} and the other audit properties), as
 * {@link SingleTableAuditingAutoConfiguration} enables it for the blocking template: a
 * {@link ReactiveAuditingEntityCallback} on the application's {@link ReactiveAuditorAware} bean, asked in the
 * subscriber's context, else on its {@link AuditorAware} bean; dates kept to the stored precision. Backs off when
 * the application has its own callback.
 */
@AutoConfiguration(after = SingleTableReactiveAutoConfiguration.class)
@ConditionalOnClass({ ReactiveAuditingHandler.class, Mono.class, ReactiveSingleTableOperations.class })
@ConditionalOnBean(ReactiveSingleTableOperations.class)
@ConditionalOnMissingBean(ReactiveAuditingEntityCallback.class)
public final class SingleTableReactiveAuditingAutoConfiguration {

	static ReactiveAuditingEntityCallback callback(SingleTableMappingContext mappingContext,
			ReactiveAuditorAware<?> auditor) {
		PersistentEntities entities = PersistentEntities.of(mappingContext);
		ReactiveAuditingHandler handler = new ReactiveAuditingHandler(entities);
		handler.setAuditorAware(auditor);
		handler.setDateTimeProvider(new StoredPrecisionDateTimeProvider());
		return new ReactiveAuditingEntityCallback(() -> handler, () -> entities);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ReactiveAuditorAware.class)
	static class ReactiveAuditorConfiguration {

		@Bean
		ReactiveAuditingEntityCallback singleTableReactiveAuditingEntityCallback(SingleTableMappingContext mappingContext,
				ReactiveAuditorAware<?> auditor) {
			return callback(mappingContext, auditor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ReactiveAuditorAware.class)
	@ConditionalOnBean(AuditorAware.class)
	static class BlockingAuditorConfiguration {

		@Bean
		ReactiveAuditingEntityCallback singleTableReactiveAuditingEntityCallback(SingleTableMappingContext mappingContext,
				ObjectProvider<AuditorAware<?>> auditors) {
			// the blocking auditor, asked when a write is subscribed
			return callback(mappingContext,
					() -> Mono.fromCallable(() -> auditors.getObject().getCurrentAuditor()).flatMap(Mono::justOrEmpty));
		}

	}

}
