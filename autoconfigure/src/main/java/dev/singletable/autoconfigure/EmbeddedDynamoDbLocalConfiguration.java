package dev.singletable.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an {@link EmbeddedDynamoDbLocal} and points the {@link SingleTableConnectionDetails} at it when
 * {@code com.amazonaws:DynamoDBLocal} is on the classpath and {@link EmbeddedDynamoDbLocalCondition} matches.
 * Imported before the other single-table beans, so that the properties-backed connection details back off.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = EmbeddedDynamoDbLocalConfiguration.SERVER_RUNNER)
@Conditional(EmbeddedDynamoDbLocalCondition.class)
class EmbeddedDynamoDbLocalConfiguration {

	/** The class whose presence tells that DynamoDB Local is on the classpath. */
	static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

	@Bean
	@ConditionalOnMissingBean
	EmbeddedDynamoDbLocal embeddedDynamoDbLocal(SingleTableProperties properties) {
		return new EmbeddedDynamoDbLocal(properties.embedded().port(), properties.tableName());
	}

	@Bean
	EmbeddedSingleTableConnectionDetails embeddedSingleTableConnectionDetails(EmbeddedDynamoDbLocal server) {
		return new EmbeddedSingleTableConnectionDetails(server.getEndpoint());
	}

}
