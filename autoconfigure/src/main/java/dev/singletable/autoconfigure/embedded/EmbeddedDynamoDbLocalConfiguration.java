package dev.singletable.autoconfigure.embedded;

import java.nio.file.Path;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.autoconfigure.SingleTableProperties;

/**
 * Starts an {@link EmbeddedDynamoDbLocal} and points the {@link SingleTableConnectionDetails} at it when
 * {@code com.amazonaws:DynamoDBLocal} is on the classpath and {@link EmbeddedDynamoDbLocalCondition} matches.
 * Imported before the other single-table beans, so that the properties-backed connection details back off. The
 * application's definitions (entity types, repository interfaces and their query methods) are checked before the
 * server is started or used, so that a bad one fails startup before DynamoDB Local runs; then DynamoDB Local and the
 * embedded S3, if any, start side by side in the background. With {@code singletable.embedded.persistent}, the data
 * is kept in files under the persistent directory's {@value #DYNAMODB_DIRECTORY} sub-directory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER)
@Conditional(EmbeddedDynamoDbLocalCondition.class)
public class EmbeddedDynamoDbLocalConfiguration {

	/** The class whose presence tells that DynamoDB Local is on the classpath. */
	public static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

	/** The bean of the connection details that point at the embedded server. */
	static final String EMBEDDED_CONNECTION_DETAILS = "embeddedSingleTableConnectionDetails";

	/** The sub-directory of the persistent development store that holds DynamoDB Local's database files. */
	static final String DYNAMODB_DIRECTORY = "dynamodb";

	/** Loggers of DynamoDB Local that log every request, and a stack trace for every refused conditional write. */
	static final java.util.List<String> CHATTY_LOGGERS = java.util.List.of("com.amazonaws.services.dynamodbv2.local",
			"org.eclipse.jetty");

	@Bean
	static EmbeddedServersEarlyStart singleTableEmbeddedServersEarlyStart() {
		// With the first bean: the definitions are checked, then the servers start while the rest is created
		return new EmbeddedServersEarlyStart();
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddedDynamoDbLocal embeddedDynamoDbLocal(SingleTableProperties properties,
			org.springframework.core.env.Environment environment, ConfigurableListableBeanFactory beanFactory) {
		// The definitions are checked before a server starts: a bad one fails startup at once
		EmbeddedDefinitionsCheck.check(beanFactory);
		quietServerLogging(environment);
		Path persistent = properties.embedded().persistentDirectory();
		return new EmbeddedDynamoDbLocal(properties.embedded().port(), properties.tableName(),
				(persistent != null) ? persistent.resolve(DYNAMODB_DIRECTORY) : null);
	}

	/**
	 * Checks the definitions of the application, then starts every embedded server of the context at once (each in
	 * the background): the embedded S3 too, when the context has one, so that it comes up while DynamoDB Local does.
	 * @param beanFactory the bean factory of the application
	 */
	static void checkDefinitionsThenStartServers(ConfigurableListableBeanFactory beanFactory) {
		EmbeddedDefinitionsCheck.check(beanFactory);
		EmbeddedDefinitionsCheck.startEmbeddedS3(beanFactory);
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

	@Bean(EMBEDDED_CONNECTION_DETAILS)
	EmbeddedSingleTableConnectionDetails embeddedSingleTableConnectionDetails(ObjectProvider<EmbeddedDynamoDbLocal> server,
			org.springframework.core.env.Environment environment, ConfigurableListableBeanFactory beanFactory) {
		// Also for a server this context did not start, such as the one the test contexts of a JVM share: the
		// definitions are checked before it is asked for (and so started), and the embedded S3 starts with it
		checkDefinitionsThenStartServers(beanFactory);
		quietServerLogging(environment);
		EmbeddedDynamoDbLocal embedded = server.getObject();
		embedded.startAsync();
		// What uses the server (the clients, and through them the template, the outbox's registry, the change stream)
		// is destroyed before it: a dependency the ObjectProvider does not record
		for (String name : beanFactory.getBeanNamesForType(EmbeddedDynamoDbLocal.class, false, false)) {
			beanFactory.registerDependentBean(name, EMBEDDED_CONNECTION_DETAILS);
		}
		return new EmbeddedSingleTableConnectionDetails(embedded.getEndpoint());
	}

}
