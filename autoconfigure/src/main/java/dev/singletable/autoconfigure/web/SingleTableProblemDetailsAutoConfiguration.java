package dev.singletable.autoconfigure.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ControllerAdvice;

import dev.singletable.core.NoSuchResourceException;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableProblemDetailsExceptionHandler} in
 * Spring MVC and Spring WebFlux applications, unless {@code singletable.web.problem-details.enabled=false} or the
 * application defines its own bean of that type.
 */
@AutoConfiguration
@ConditionalOnWebApplication
@ConditionalOnClass({ ProblemDetail.class, ControllerAdvice.class, NoSuchResourceException.class })
@ConditionalOnBooleanProperty(name = SingleTableProblemDetailsAutoConfiguration.ENABLED_PROPERTY, matchIfMissing = true)
@EnableConfigurationProperties(SingleTableWebProperties.class)
public final class SingleTableProblemDetailsAutoConfiguration {

	/** The property that switches the problem responses off. */
	static final String ENABLED_PROPERTY = "singletable.web.problem-details.enabled";

	@Bean
	@ConditionalOnMissingBean
	SingleTableProblemDetailsExceptionHandler singleTableProblemDetailsExceptionHandler() {
		return new SingleTableProblemDetailsExceptionHandler();
	}

}
