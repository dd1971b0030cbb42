package dev.singletable.test.autoconfigure.audited;

import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;

/**
 * An application with an audited entity, for the slice tests; its {@link Auditing} and {@link Registries}, which
 * a {@code @DataSingleTableTest} leaves out as any other component, are imported by the test.
 */
@SpringBootApplication
public class AuditedApplication {

	/**
	 * The application's auditor.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class Auditing {

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.of("clerk");
		}

	}

	/**
	 * Meter and observation registries, as the application's metrics set-up provides them.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class Registries {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

}
