package dev.singletable.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the reactive API when Reactor is on the class path: a
 * {@link DynamoDbAsyncClient} from the same connection details as the blocking client (so the embedded DynamoDB
 * Local is reachable by it), when the SDK's Netty async HTTP client ({@code software.amazon.awssdk:netty-nio-client})
 * is present or the application defines its own async client. The table is prepared by the blocking
 * configuration's schema initializer before anything uses it.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ Flux.class, DynamoDbAsyncClient.class })
@ConditionalOnBean(SingleTableConnectionDetails.class)
public final class SingleTableReactiveAutoConfiguration {

	static final String NETTY_CLIENT = "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient";

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = NETTY_CLIENT)
	DynamoDbAsyncClient dynamoDbAsyncClient(SingleTableConnectionDetails connectionDetails,
			ObjectProvider<SingleTableDynamoDbAsyncClientBuilderCustomizer> customizers) {
		DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder();
		ClientSettings.apply(builder, connectionDetails);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

}
