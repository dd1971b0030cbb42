package dev.singletable.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.singletable.core.mapping.SingleTableMappingContext;

/**
 * Starts an {@link EmbeddedDynamoDbLocal} and points the {@link SingleTableConnectionDetails} at it when
 * {@code com.amazonaws:DynamoDBLocal} is on the classpath and {@link EmbeddedDynamoDbLocalCondition} matches.
 * Imported before the other single-table beans, so that the properties-backed connection details back off. The
 * mapping context is created before the server is started or used, so that an invalid entity definition fails
 * startup before DynamoDB Local runs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER)
@Conditional(EmbeddedDynamoDbLocalCondition.class)
class EmbeddedDynamoDbLocalConfiguration {

	/** The class whose presence tells that DynamoDB Local is on the classpath. */
	static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

	/** Loggers of DynamoDB Local that log every request, and a stack trace for every refused conditional write. */
	static final java.util.List<String> CHATTY_LOGGERS = java.util.List.of("com.amazonaws.services.dynamodbv2.local",
			"org.eclipse.jetty");

	@Bean
	@ConditionalOnMissingBean
	EmbeddedDynamoDbLocal embeddedDynamoDbLocal(SingleTableProperties properties,
			org.springframework.core.env.Environment environment,
			ObjectProvider<SingleTableMappingContext> mappingContexts) {
		checkEntityDefinitions(mappingContexts);
		quietServerLogging(environment);
		return new EmbeddedDynamoDbLocal(properties.embedded().port(), properties.tableName());
	}

	/**
	 * Creates the mapping context, which scans the entity types and checks their definitions, before a server is
	 * started or used: an invalid entity fails startup at once, without waiting for DynamoDB Local.
	 * @param mappingContexts the mapping contexts of the application
	 */
	static void checkEntityDefinitions(ObjectProvider<SingleTableMappingContext> mappingContexts) {
		mappingContexts.orderedStream().forEach((mappingContext) -> {
			// created, and so initialized: invalid entity types have failed by now
		});
	}

	/**
	 * Lowers DynamoDB Local's own loggers to WARN/ERROR unless the application configures them: the application
	 * reports conflicts itself, and a development server should not flood its console.
	 */
	private static void quietServerLogging(org.springframework.core.env.Environment environment) {
		org.springframework.boot.logging.LoggingSystem system = org.springframework.boot.logging.LoggingSystem
			.get(EmbeddedDynamoDbLocalConfiguration.class.getClassLoader());
		for (String logger : CHATTY_LOGGERS) {
			if (environment.getProperty("logging.level." + logger) == null) {
				system.setLogLevel(logger, logger.startsWith("com.amazonaws") ? org.springframework.boot.logging.LogLevel.ERROR
						: org.springframework.boot.logging.LogLevel.WARN);
			}
		}
	}

	@Bean
	EmbeddedSingleTableConnectionDetails embeddedSingleTableConnectionDetails(ObjectProvider<EmbeddedDynamoDbLocal> server,
			org.springframework.core.env.Environment environment,
			ObjectProvider<SingleTableMappingContext> mappingContexts) {
		// Also for a server this context did not start, such as the one the test contexts of a JVM share: the
		// entity definitions are checked before it is asked for (and so started)
		checkEntityDefinitions(mappingContexts);
		quietServerLogging(environment);
		return new EmbeddedSingleTableConnectionDetails(server.getObject().getEndpoint());
	}

}
