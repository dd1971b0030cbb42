package dev.singletable.autoconfigure.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableOperations;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableHistoryEndpoint}, created only when the
 * endpoint is available: enabled (the default) and exposed ({@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, SingleTableOperations.class })
@ConditionalOnBean(SingleTableOperations.class)
@ConditionalOnAvailableEndpoint(SingleTableHistoryEndpoint.class)
public final class SingleTableHistoryEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SingleTableHistoryEndpoint singleTableHistoryEndpoint(SingleTableOperations operations) {
		return new SingleTableHistoryEndpoint(operations);
	}

}
