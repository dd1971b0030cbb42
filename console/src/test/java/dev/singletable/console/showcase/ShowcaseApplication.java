package dev.singletable.console.showcase;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import tools.jackson.databind.PropertyNamingStrategies;

import dev.singletable.autoconfigure.SingleTableJsonMapperBuilderCustomizer;
import dev.singletable.console.fixtures.Note;

/**
 * The application of the browser tests: Spring MVC on a real port with Spring Security's defaults (form login), a
 * user with the console's role and one without, the types of this package and {@link Note}'s, blobs in the
 * embedded S3, and the storage names of the Python library (snake case) so that Python-written items read back.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ShowcaseApplication {

	/** The password of both users. */
	public static final String PASSWORD = "console-tests";

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername("admin").password("{noop}" + PASSWORD).roles("ADMIN").build(),
				User.withUsername("viewer").password("{noop}" + PASSWORD).roles("VIEWER").build());
	}

	@Bean
	SingleTableJsonMapperBuilderCustomizer pythonNames() {
		return (builder) -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
	}

	/**
	 * Makes the packages of the test types auto-configuration packages.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@org.springframework.boot.autoconfigure.AutoConfigurationPackage(basePackageClasses = { ShowcaseApplication.class,
			Note.class })
	static class Packages {

	}

}
