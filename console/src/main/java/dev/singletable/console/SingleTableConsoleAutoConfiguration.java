package dev.singletable.console;

import java.time.Clock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AllNestedConditions;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableProperties;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.SingleTableDefinitions;
import dev.singletable.evolution.SingleTableMigrations;
import dev.singletable.events.SingleTableChangeStream;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the singletable console: pages at
 * {@code singletable.console.path} (default {@code /singletable}) showing the application's table as its template
 * reads it, served by Spring MVC or WebFlux, whichever the application runs.
 * <p>
 * Served when {@code singletable.console.enabled=true}, or when that property is unset and the application uses the
 * embedded DynamoDB Local (as Spring Boot serves the H2 console in development only). Read-only unless
 * {@code singletable.console.read-only=false}. Without Spring Security it answers only connections from the loopback
 * address (the socket's peer, never a forwarded header) unless {@code singletable.console.allow-remote=true}; with
 * Spring Security it requires {@code singletable.console.role}. Either way it answers only requests for localhost,
 * the loopback addresses and {@code singletable.console.allowed-hosts}, and takes changes only from its own origin
 * with a token it issued.
 * See {@link SingleTableConsoleProperties}.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class,
		afterName = { "dev.singletable.autoconfigure.events.SingleTableChangeEventsAutoConfiguration",
				"dev.singletable.autoconfigure.evolution.SingleTableMigrationsAutoConfiguration",
				"dev.singletable.autoconfigure.drift.SingleTableDriftAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnClass(SingleTableTemplate.class)
@ConditionalOnBean(SingleTableTemplate.class)
@Conditional(SingleTableConsoleAutoConfiguration.ConsoleEnabledCondition.class)
@EnableConfigurationProperties(SingleTableConsoleProperties.class)
public final class SingleTableConsoleAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SingleTableConsoleAutoConfiguration.class);

	private static final String EMBEDDED = "dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal";

	private static final String SECURITY_WEB = "org.springframework.security.web.csrf.CsrfToken";

	/**
	 * Creates the auto-configuration; Spring calls it.
	 */
	SingleTableConsoleAutoConfiguration() {
	}

	@Bean
	ConsoleModel singleTableConsoleModel(SingleTableTemplate template, SingleTableConsoleProperties properties,
			ObjectProvider<SingleTableProperties> tableProperties, ObjectProvider<SingleTableDefinitions> definitions,
			ObjectProvider<SingleTableMigrations> migrations) {
		SingleTableProperties table = tableProperties.getIfAvailable();
		return new ConsoleModel(template, new Masking(properties.maskedProperties(), template.getConverter()),
				properties.pageSize(), table != null && table.counts().enabled(), definitions, migrations);
	}

	@Bean
	ConsoleHandler singleTableConsoleHandler(ConsoleModel model, ConsoleAccess access,
			SingleTableConsoleProperties properties, ObjectProvider<ConsoleEvents> events) {
		logger.info("singletable console available at '" + properties.path() + "'"
				+ (properties.readOnly() ? " (read-only)" : " (changes allowed)"));
		if (properties.allowRemote() && !(access instanceof SecurityConsoleAccess)) {
			logger.warn("singletable.console.allow-remote=true: the singletable console at '" + properties.path()
					+ "' answers every client that can connect to this application, from any address, without signing in: "
					+ "it shows every item of table '" + model.tableName() + "' (masked properties excepted)"
					+ (properties.readOnly() ? "" : " and lets them restore versions and delete resources")
					+ ", for the hosts localhost, the loopback addresses"
					+ (properties.allowedHosts().isEmpty() ? "" : " and " + properties.allowedHosts())
					+ ". Add Spring Security to require a role (singletable.console.role) instead.");
		}
		return new ConsoleHandler(model, access, new ConsoleOrigins(properties.allowedHosts()),
				new ConsoleCsrf(Clock.systemUTC()), properties.path(), properties.readOnly(),
				events.getIfAvailable() != null);
	}

	/**
	 * Whether the web server itself rewrites a request's remote address from forwarded headers
	 * ({@code server.forward-headers-strategy=native}, or unset on a cloud platform that uses them).
	 */
	static boolean serverForwards(Environment environment) {
		String strategy = environment.getProperty("server.forward-headers-strategy");
		if (strategy != null) {
			return "native".equalsIgnoreCase(strategy.strip());
		}
		CloudPlatform platform = CloudPlatform.getActive(environment);
		return platform != null && platform.isUsingForwardHeaders();
	}

	/**
	 * On Tomcat: records each connection's peer address (see {@link TomcatPeerValve}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "org.apache.catalina.valves.ValveBase",
			"org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory" })
	static class TomcatPeerConfiguration {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> singleTableConsolePeerValve() {
			return (factory) -> factory.addContextCustomizers((context) -> context.getPipeline().addValve(new TomcatPeerValve()));
		}

	}

	static boolean securityWeb(ClassLoader classLoader) {
		return ClassUtils.isPresent(SECURITY_WEB, classLoader);
	}

	/**
	 * Without Spring Security: the client's address decides.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.security.core.Authentication")
	static class AddressAccessConfiguration {

		@Bean
		ConsoleAccess singleTableConsoleAccess(SingleTableConsoleProperties properties) {
			return ConsoleAccess.byAddress(properties.allowRemote());
		}

	}

	/**
	 * With Spring Security: the user's role decides.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.Authentication")
	static class SecurityAccessConfiguration {

		@Bean
		ConsoleAccess singleTableConsoleAccess(SingleTableConsoleProperties properties) {
			return new SecurityConsoleAccess(properties.role());
		}

	}

	/**
	 * Live changes, when the application reads its table's change stream.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "dev.singletable.events.SingleTableChangeStream")
	@ConditionalOnBean(type = "dev.singletable.events.SingleTableChangeStream")
	static class EventsConfiguration {

		@Bean
		ConsoleEvents singleTableConsoleEvents(SingleTableChangeStream stream, ConsoleModel model,
				SingleTableTemplate template, SingleTableConsoleProperties properties) {
			return new ConsoleEvents(stream, model.types(), template.getConverter().getJsonMapper(), properties.path());
		}

	}

	/**
	 * The console on Spring MVC.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
	static class WebMvcConfiguration {

		@Bean
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> singleTableConsoleRoutes(
				ConsoleHandler handler, ObjectProvider<ConsoleEvents> events, SingleTableConsoleProperties properties,
				ConsoleAccess access, Environment environment) {
			return ConsoleWebMvc.routes(properties.path(), handler, events.getIfAvailable(),
					access instanceof SecurityConsoleAccess && securityWeb(ConsoleWebMvc.class.getClassLoader()),
					serverForwards(environment));
		}

	}

	/**
	 * The console on WebFlux.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnClass({ org.springframework.web.reactive.function.server.RouterFunction.class,
			reactor.core.publisher.Mono.class })
	static class WebFluxConfiguration {

		@Bean
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> singleTableConsoleReactiveRoutes(
				ConsoleHandler handler, ObjectProvider<ConsoleEvents> events, SingleTableConsoleProperties properties,
				ConsoleAccess access, Environment environment) {
			return ConsoleWebFlux.routes(properties.path(), handler, events.getIfAvailable(),
					access instanceof SecurityConsoleAccess && securityWeb(ConsoleWebFlux.class.getClassLoader()),
					serverForwards(environment));
		}

	}

	/**
	 * {@code singletable.console.enabled=true}, or unset with the embedded DynamoDB Local.
	 */
	static final class ConsoleEnabledCondition extends AnyNestedCondition {

		ConsoleEnabledCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty("singletable.console.enabled")
		static final class Enabled {

		}

		@Conditional(EmbeddedDefault.class)
		static final class Embedded {

		}

	}

	/**
	 * The property unset and the embedded DynamoDB Local in use.
	 */
	static final class EmbeddedDefault extends AllNestedConditions {

		EmbeddedDefault() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(EnabledUnset.class)
		static final class Unset {

		}

		@ConditionalOnBean(type = EMBEDDED)
		static final class EmbeddedServer {

		}

	}

	/**
	 * {@code singletable.console.enabled} is not set.
	 */
	static final class EnabledUnset extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return context.getEnvironment().containsProperty("singletable.console.enabled")
					? ConditionOutcome.noMatch("singletable.console.enabled is set")
					: ConditionOutcome.match("singletable.console.enabled is unset");
		}

	}

}
