package dev.singletable.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;

import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the reactive API when Reactor is on the class path: a
 * {@link DynamoDbAsyncClient} from the same connection details as the blocking client (so the embedded DynamoDB
 * Local is reachable by it), when the SDK's Netty async HTTP client ({@code software.amazon.awssdk:netty-nio-client})
 * is present, and a {@link ReactiveSingleTableTemplate} on it (or on the application's own async client) with the
 * blocking template's converter, table, consistent reads and cursor secret, so a cursor passes between the two, and
 * the details of audit rows: the application's unique {@link ReactiveAuditorAware} (asked first, in the
 * subscriber's context), its unique {@link AuditorAware}, its {@link AuditMetadataProvider}s merged in order. The
 * table is prepared by the blocking configuration's schema initializer before the template is made; the drift
 * configuration gives it the same drift guard as the blocking template.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ Flux.class, DynamoDbAsyncClient.class, ReactiveSingleTableTemplate.class })
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

	@Bean
	@ConditionalOnMissingBean(ReactiveSingleTableOperations.class)
	@ConditionalOnBean(DynamoDbAsyncClient.class)
	ReactiveSingleTableTemplate reactiveSingleTableTemplate(DynamoDbAsyncClient client, SingleTableConverter converter,
			SingleTableProperties properties, ObjectProvider<SingleTableSchemaInitializer> initializers,
			ObjectProvider<ReactiveAuditorAware<?>> reactiveAuditors, ObjectProvider<AuditorAware<?>> auditors,
			ObjectProvider<AuditMetadataProvider> auditMetadata) {
		initializers.orderedStream().forEach((initializer) -> {
			// Resolving an initializer prepares the table, so it is ready before anything can use the template
		});
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(client, properties.tableName(),
				converter);
		template.setConsistentReads(properties.consistentReads());
		template.setAllowDroppingBlobsAndMetadata(properties.pythonCompatibility().allowDroppingBlobsAndMetadata());
		String cursorSecret = properties.cursorSecret();
		if (cursorSecret != null) {
			template.setCursorSecret(cursorSecret.getBytes(StandardCharsets.UTF_8));
		}
		// the audit rows' details as the blocking template's, a ReactiveAuditorAware first
		reactiveAuditors.ifUnique(template::setReactiveAuditorAware);
		auditors.ifUnique(template::setAuditorAware);
		List<AuditMetadataProvider> metadataProviders = auditMetadata.orderedStream().toList();
		if (!metadataProviders.isEmpty()) {
			template.setAuditMetadataProvider((metadataProviders.size() == 1) ? metadataProviders.get(0)
					: () -> SingleTableAutoConfiguration.merged(metadataProviders));
		}
		return template;
	}

}
