package dev.singletable.console;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.console.fixtures.ConsoleFixtures;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.RequestCounter;

/**
 * What the console's tests share: applications on the JVM's DynamoDB Local (a table of their own each, created at
 * start-up), their client's requests counted, with Spring MVC or WebFlux, without Spring Security unless a test
 * adds it.
 */
final class ConsoleTests {

	private static final AtomicInteger tables = new AtomicInteger();

	private ConsoleTests() {
	}

	/** The console's own CSRF token in a confirmation page. */
	static String csrfToken(String confirmationPage) {
		java.util.regex.Matcher token = java.util.regex.Pattern
			.compile("name=\"" + ConsoleRequest.CSRF_NAME + "\" value=\"([^\"]+)\"")
			.matcher(confirmationPage);
		if (!token.find()) {
			throw new AssertionError("No console CSRF token in " + confirmationPage);
		}
		return token.group(1);
	}

	static String uniqueTable(String what) {
		return "console-" + what + "-" + tables.incrementAndGet() + "-" + System.nanoTime() % 100_000;
	}

	static String[] properties(String table, String... more) {
		String[] all = new String[5 + more.length];
		all[0] = "singletable.endpoint=" + DynamoDbLocal.endpoint();
		all[1] = "singletable.table-name=" + table;
		all[2] = "singletable.table.create=create-if-missing";
		all[3] = "singletable.console.masked-properties=Note.token";
		all[4] = "singletable.console.enabled=true";
		System.arraycopy(more, 0, all, 5, more.length);
		return all;
	}

	static WebApplicationContextRunner mvc(RequestCounter requests) {
		return new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebMvcAutoConfiguration.class, JacksonAutoConfiguration.class,
					HttpMessageConvertersAutoConfiguration.class, SingleTableAutoConfiguration.class,
					SingleTableConsoleAutoConfiguration.class))
			.withUserConfiguration(ConsoleFixtures.class)
			.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
					() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(requests)));
	}

	static WebApplicationContextRunner mvcWithoutSecurity(RequestCounter requests) {
		return mvc(requests).withClassLoader(new FilteredClassLoader("org.springframework.security"));
	}

	static ReactiveWebApplicationContextRunner webflux(RequestCounter requests) {
		return new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, JacksonAutoConfiguration.class,
					CodecsAutoConfiguration.class, SingleTableAutoConfiguration.class,
					SingleTableConsoleAutoConfiguration.class))
			.withUserConfiguration(ConsoleFixtures.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
					() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(requests)));
	}

}
