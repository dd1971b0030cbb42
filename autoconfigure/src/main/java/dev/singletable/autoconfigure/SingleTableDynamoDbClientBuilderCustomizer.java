package dev.singletable.autoconfigure;

import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Callback that customizes the builder of the auto-configured {@code DynamoDbClient} after the endpoint, region and
 * credentials of the {@link SingleTableConnectionDetails} are applied, for example to set an HTTP client, retries
 * or interceptors. Customizers run in {@link org.springframework.core.annotation.Order order}; define a
 * {@code DynamoDbClient} bean instead to take over completely.
 */
@FunctionalInterface
public interface SingleTableDynamoDbClientBuilderCustomizer {

	/**
	 * Customizes the client builder.
	 * @param builder the builder
	 */
	void customize(DynamoDbClientBuilder builder);

}
