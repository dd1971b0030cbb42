package com.example.reference.accounts;

import java.util.Map;
import java.util.Optional;

import org.slf4j.MDC;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.singletable.core.audit.AuditMetadataProvider;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	@Bean   // who: changed_by of every audit row, and @CreatedBy/@LastModifiedBy
	AuditorAware<String> currentUser() {
		return () -> Optional.ofNullable(RequestContextHolder.getRequestAttributes())
			.map((request) -> ((ServletRequestAttributes) request).getRequest().getRemoteUser());
	}

	@Bean   // every AuditMetadataProvider bean is asked for each row, in @Order
	AuditMetadataProvider requestId() {
		return () -> (MDC.get("requestId") != null) ? Map.of("request_id", MDC.get("requestId")) : Map.of();
	}

}
