package dev.singletable.autoconfigure;

import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/**
 * Callback that customizes the builder of the auto-configured {@code DynamoDbAsyncClient} (the reactive template's)
 * after the endpoint, region and credentials of the {@link SingleTableConnectionDetails} are applied, for example to
 * set the async HTTP client or its concurrency. Customizers run in
 * {@link org.springframework.core.annotation.Order order}; define a {@code DynamoDbAsyncClient} bean instead to take
 * over completely.
 */
@FunctionalInterface
public interface SingleTableDynamoDbAsyncClientBuilderCustomizer {

	/**
	 * Customizes the async client builder.
	 * @param builder the builder
	 */
	void customize(DynamoDbAsyncClientBuilder builder);

}
