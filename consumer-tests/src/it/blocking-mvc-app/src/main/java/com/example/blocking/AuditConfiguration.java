package com.example.blocking;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	/** Who: the request's {@code X-User} header (an application with Spring Security takes the principal). */
	@Bean
	AuditorAware<String> currentUser() {
		return () -> Optional.ofNullable(RequestContextHolder.getRequestAttributes())
			.filter(ServletRequestAttributes.class::isInstance)
			.map((RequestAttributes attributes) -> ((ServletRequestAttributes) attributes).getRequest()
				.getHeader("X-User"));
	}

}
