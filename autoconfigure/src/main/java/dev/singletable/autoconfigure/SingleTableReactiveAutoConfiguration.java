package dev.singletable.autoconfigure;


import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;

import dev.singletable.autoconfigure.client.ClientSettings;
import dev.singletable.autoconfigure.client.QuietNettyHttpClients;
import dev.singletable.autoconfigure.transaction.ReactiveTransactionalMethodsCheck;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.reactive.ReactiveSingleTableDatabaseFactory;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the reactive API when Reactor is on the class path: a
 * {@link DynamoDbAsyncClient} from the same connection details as the blocking client (so the embedded DynamoDB
 * Local is reachable by it) — or, when the application defines its own {@link DynamoDbClient}, from that client's
 * endpoint, region and credentials, which the {@code singletable.*} properties do not describe —, when the SDK's
 * Netty async HTTP client ({@code software.amazon.awssdk:netty-nio-client}) is present, a {@link ReactiveSingleTableDatabaseFactory} of it and the table, and a
 * {@link ReactiveSingleTableTemplate} on that factory (or on the application's own async client or factory) with the
 * blocking template's converter, table, consistent reads, per-type counts ({@code singletable.counts.enabled}: both
 * keep one count) and cursor secret, so a cursor passes between the two, and the details of audit rows: the
 * application's unique {@link ReactiveAuditorAware} (asked first, in the subscriber's context), its unique
 * {@link AuditorAware}, its {@link AuditMetadataProvider}s merged in order. The table is prepared by the blocking
 * configuration's schema initializer before the template is made; the drift configuration gives it the same drift
 * guard as the blocking template, and {@link ReactiveSingleTableTemplateCustomizer} beans customize it (the
 * observability auto-configuration's gives it the observation registry and metrics). A
 * {@code ReactiveTransactionalMethodsCheck} fails start-up when a {@code @Transactional} method returning a
 * publisher, of a bean that reaches the reactive template or a reactive repository (directly or through other
 * beans), resolves to a blocking transaction manager, whose transaction its writes would never join.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ Flux.class, DynamoDbAsyncClient.class, ReactiveSingleTableTemplate.class })
@ConditionalOnBean(SingleTableConnectionDetails.class)
public final class SingleTableReactiveAutoConfiguration {

	static final String NETTY_CLIENT = "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient";

	@Bean
	static ReactiveTransactionalMethodsCheck singleTableReactiveTransactionalMethodsCheck() {
		// @Transactional methods returning Mono/Flux that use the reactive template: a blocking manager fails startup
		return new ReactiveTransactionalMethodsCheck();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = NETTY_CLIENT)
	DynamoDbAsyncClient dynamoDbAsyncClient(SingleTableConnectionDetails connectionDetails,
			ObjectProvider<DynamoDbClient> blockingClient, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<SingleTableDynamoDbAsyncClientBuilderCustomizer> customizers) {
		DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder();
		DynamoDbClient applicationClient = ClientSettings.applicationClient(beanFactory, DynamoDbClient.class,
				blockingClient);
		if (applicationClient != null) {
			// the connection the application gave its own client, not the singletable.* properties it did not use
			ClientSettings.applyFrom(builder, applicationClient.serviceClientConfiguration());
		}
		else {
			ClientSettings.apply(builder, connectionDetails);
		}
		// its event loops end at once when the context closes, not after Netty's quiet period of 2 s
		QuietNettyHttpClients.apply(builder, getClass().getClassLoader());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The table's async client and name, on which the reactive template is built and under which the reactive
	 * transaction manager binds its transactions: a reactive template the application builds on this bean joins the
	 * same transactions.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(DynamoDbAsyncClient.class)
	ReactiveSingleTableDatabaseFactory reactiveSingleTableDatabaseFactory(DynamoDbAsyncClient client,
			SingleTableProperties properties) {
		return ReactiveSingleTableDatabaseFactory.create(client, properties.tableName());
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveSingleTableOperations.class)
	@ConditionalOnBean(ReactiveSingleTableDatabaseFactory.class)
	ReactiveSingleTableTemplate reactiveSingleTableTemplate(ReactiveSingleTableDatabaseFactory databaseFactory,
			SingleTableConverter converter, SingleTableProperties properties,
			ObjectProvider<SingleTableSchemaInitializer> initializers,
			ObjectProvider<ReactiveSingleTableTemplateCustomizer> customizers,
			ObjectProvider<ReactiveAuditorAware<?>> reactiveAuditors, ObjectProvider<AuditorAware<?>> auditors,
			ObjectProvider<AuditMetadataProvider> auditMetadata, ObjectProvider<SingleTableTemplate> blockingTemplates) {
		// resolving the initializers prepares the table, so it is ready before anything can use the template
		initializers.orderedStream().toList();
		// one set of plans per table: built on the blocking template of the same table and converter, if any
		SingleTableTemplate blocking = blockingTemplates.getIfUnique();
		ReactiveSingleTableTemplate template = (blocking != null && blocking.getConverter() == converter
				&& blocking.getTableName().equals(databaseFactory.getTableName()))
						? new ReactiveSingleTableTemplate(databaseFactory, blocking)
						: new ReactiveSingleTableTemplate(databaseFactory, converter);
		// the settings both templates take, mapped once; the audit rows' details as the blocking template's, a
		// ReactiveAuditorAware first
		TemplateSettings.of(properties, auditors, auditMetadata)
			.applyTo(new TemplateSettings.Target(template::setConsistentReads,
					template::setAllowDroppingBlobsAndMetadata, template::setTrackCounts, template::setAuditShards,
					template::setAuditorAware, template::setAuditMetadataProvider, template::setCursorSecret,
					template::setPreviousCursorSecrets));
		reactiveAuditors.ifUnique(template::setReactiveAuditorAware);
		for (ReactiveSingleTableTemplateCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(template);
		}
		return template;
	}

}
