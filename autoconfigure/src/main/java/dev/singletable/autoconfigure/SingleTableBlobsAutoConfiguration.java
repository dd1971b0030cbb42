package dev.singletable.autoconfigure;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import dev.singletable.autoconfigure.client.ClientSettings;
import dev.singletable.autoconfigure.client.LocalEndpoints;
import dev.singletable.autoconfigure.client.QuietNettyHttpClients;
import dev.singletable.autoconfigure.embedded.EmbeddedDefinitionsCheck;
import dev.singletable.autoconfigure.embedded.EmbeddedS3;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of large fields in S3 when {@code singletable.blobs.bucket} is
 * set: an {@link S3Client} (unless the application defines one) and the {@link BlobStorage}. Without
 * {@code singletable.blobs.endpoint} or {@code singletable.blobs.region}, and with {@code org.gaul:s3proxy} on the
 * classpath, an {@link EmbeddedS3 embedded in-memory S3} is started and the bucket created in it. The client
 * follows the DynamoDB client's conventions: the region is {@code singletable.blobs.region}, else
 * {@code singletable.region}, else {@code us-east-1} for a loopback endpoint, else the SDK's chain; a loopback
 * endpoint gets dummy credentials; an endpoint is called path-style. The {@link SingleTableTemplate} gets the
 * {@link BlobStorage}, so that types with {@code @BlobField} properties store them there; its cache of loaded
 * objects follows {@code singletable.blobs.cache.*}. With the reactive API present, an {@link S3AsyncClient} with the
 * same settings and a {@link ReactiveBlobStorage} of the same bucket, which the {@link ReactiveSingleTableTemplate}
 * loads blob values from.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass({ S3Client.class, BlobStorage.class })
@ConditionalOnProperty(prefix = "singletable.blobs", name = "bucket")
@EnableConfigurationProperties(SingleTableBlobsProperties.class)
public final class SingleTableBlobsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	S3Client singleTableS3Client(SingleTableBlobsProperties properties, ConfigurableListableBeanFactory beanFactory,
			Environment environment) {
		return configure(S3Client.builder(), properties, embeddedS3(beanFactory), environment).build();
	}

	/**
	 * Returns the embedded S3 this context uses, started (in the background) once the application's definitions
	 * are checked, or {@literal null} when it uses none.
	 * @param beanFactory the bean factory of the application
	 * @return the embedded S3, or {@literal null}
	 */
	static @Nullable EmbeddedS3 embeddedS3(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBean(EmbeddedS3Configuration.START_BEAN)) {
			return null;
		}
		EmbeddedDefinitionsCheck.check(beanFactory);
		EmbeddedDefinitionsCheck.startEmbeddedS3(beanFactory);
		return beanFactory.getBean(EmbeddedS3.class);
	}


	/**
	 * Configures an S3 client builder (blocking or async) from the properties, the one rule for both clients.
	 */
	static <B extends S3BaseClientBuilder<B, ?>> B configure(B builder, SingleTableBlobsProperties properties,
			@Nullable EmbeddedS3 server, Environment environment) {
		URI endpoint = (server != null) ? server.getEndpoint() : properties.endpoint();
		boolean embedded = server != null;
		String region = properties.region();
		if (region == null && StringUtils.hasText(environment.getProperty("singletable.region"))) {
			region = environment.getProperty("singletable.region");
		}
		if (server != null) {
			// S3Proxy now and then breaks the connection of an aws-chunked upload it has stored, which makes the SDK
			// send the upload again: the embedded server gets plain (whole-payload signed) bodies
			builder.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
		}
		if (endpoint != null) {
			builder.endpointOverride(endpoint).forcePathStyle(true);
			if (LocalEndpoints.isLoopback(endpoint)) {
				// the embedded server's own (a test context sharing it has an access key, and so a store, of its own)
				builder.credentialsProvider(embedded ? server.getCredentialsProvider() : LocalEndpoints.dummyCredentials());
				if (region == null) {
					region = LocalEndpoints.DEFAULT_REGION;
				}
			}
		}
		if (region != null) {
			builder.region(Region.of(region));
		}
		return builder;
	}

	@Bean
	@ConditionalOnMissingBean
	BlobStorage singleTableBlobStorage(S3Client client, SingleTableBlobsProperties properties,
			ObjectProvider<SingleTableConverter> converter, ConfigurableListableBeanFactory beanFactory) {
		String bucket = properties.bucket();
		if (embeddedS3(beanFactory) != null) {
			// an embedded S3 starts empty
			try {
				client.createBucket((request) -> request.bucket(bucket));
			}
			catch (BucketAlreadyOwnedByYouException ex) {
				// created by an earlier context sharing the server
			}
		}
		SingleTableConverter available = converter.getIfAvailable();
		return new BlobStorage(client, bucket, properties.keyPrefix(),
				(available != null) ? available.getJsonMapper() : StorageJsonMapper.create(),
				properties.cache().toSettings());
	}

	/**
	 * Gives the {@link SingleTableTemplate} the {@link BlobStorage} before it is initialized (its initialization
	 * refuses types with {@code @BlobField} properties when it has none).
	 */
	@Bean
	static BeanPostProcessor singleTableTemplateBlobStorage(ObjectProvider<BlobStorage> storage) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof SingleTableTemplate template) {
					template.setBlobStorage(storage.getIfAvailable());
				}
				return bean;
			}

		};
	}

	/**
	 * The reactive side when Reactor, the reactive template and the SDK's Netty async HTTP client are present: an
	 * {@link S3AsyncClient} with the blocking client's settings (so the embedded S3 is reachable by it) — with the
	 * endpoint, region and credentials of the application's own {@link S3Client} when it defines one —, unless the
	 * application defines an {@code S3AsyncClient}, the {@link ReactiveBlobStorage} of the same bucket, key prefix,
	 * mapper and cache limits, and the {@link ReactiveSingleTableTemplate} loads blob values from it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { ReactiveBlobsConfiguration.REACTOR, ReactiveBlobsConfiguration.REACTIVE_TEMPLATE,
			SingleTableReactiveAutoConfiguration.NETTY_CLIENT })
	static class ReactiveBlobsConfiguration {

		static final String REACTOR = "reactor.core.publisher.Mono";

		static final String REACTIVE_TEMPLATE = "dev.singletable.core.reactive.ReactiveSingleTableTemplate";

		@Bean
		@ConditionalOnMissingBean
		S3AsyncClient singleTableS3AsyncClient(SingleTableBlobsProperties properties,
				Environment environment, ObjectProvider<S3Client> blockingClient,
				ConfigurableListableBeanFactory beanFactory) {
			S3Client applicationClient = ClientSettings.applicationClient(beanFactory, S3Client.class, blockingClient);
			if (applicationClient != null) {
				// the connection the application gave its own S3 client; an endpoint is called path-style
				S3AsyncClientBuilder builder = S3AsyncClient.builder();
				ClientSettings.applyFrom(builder, applicationClient.serviceClientConfiguration());
				applicationClient.serviceClientConfiguration().endpointOverride()
					.ifPresent((endpoint) -> builder.forcePathStyle(true));
				QuietNettyHttpClients.apply(builder, getClass().getClassLoader());
				return builder.build();
			}
			S3AsyncClientBuilder builder = S3AsyncClient.builder();
			QuietNettyHttpClients.apply(builder, getClass().getClassLoader());
			return configure(builder, properties, embeddedS3(beanFactory), environment).build();
		}

		@Bean
		@ConditionalOnMissingBean
		ReactiveBlobStorage singleTableReactiveBlobStorage(S3AsyncClient client, SingleTableBlobsProperties properties,
				ObjectProvider<SingleTableConverter> converter, ObjectProvider<BlobStorage> blocking) {
			// the blocking storage first: it creates the bucket in an embedded S3
			blocking.getIfAvailable();
			SingleTableConverter available = converter.getIfAvailable();
			return new ReactiveBlobStorage(client, properties.bucket(), properties.keyPrefix(),
					(available != null) ? available.getJsonMapper() : StorageJsonMapper.create(),
					properties.cache().toSettings());
		}

		/**
		 * Gives the {@link ReactiveSingleTableTemplate} the {@link ReactiveBlobStorage}.
		 */
		@Bean
		static BeanPostProcessor reactiveSingleTableTemplateBlobStorage(ObjectProvider<ReactiveBlobStorage> storage) {
			return new BeanPostProcessor() {

				@Override
				public Object postProcessBeforeInitialization(Object bean, String beanName) {
					if (bean instanceof ReactiveSingleTableTemplate template) {
						template.setBlobStorage(storage.getIfAvailable());
					}
					return bean;
				}

			};
		}

	}

	/**
	 * Starts the {@link EmbeddedS3} when S3Proxy is on the classpath and {@link EmbeddedS3Condition} matches.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = EmbeddedS3Configuration.S3PROXY)
	@Conditional(EmbeddedS3Condition.class)
	static class EmbeddedS3Configuration {

		/** The class whose presence tells that S3Proxy is on the classpath. */
		static final String S3PROXY = "org.gaul.s3proxy.S3Proxy";

		/** S3Proxy's loggers (its own and its shaded Jetty's), which log every start at INFO. */
		static final String LOGGERS = "org.gaul";

		/** The bean that starts the embedded S3 the context uses (and tells that it uses one). */
		static final String START_BEAN = EmbeddedDefinitionsCheck.EMBEDDED_S3_START_BEAN;

		/** The sub-directory of the persistent development store that holds the S3 objects. */
		static final String S3_DIRECTORY = "s3";

		@Bean
		@ConditionalOnMissingBean
		EmbeddedS3 singleTableEmbeddedS3(SingleTableBlobsProperties properties, Environment environment,
				ObjectProvider<SingleTableProperties> singleTableProperties, ConfigurableListableBeanFactory beanFactory) {
			// The definitions are checked before S3Proxy starts: a bad one fails startup at once
			EmbeddedDefinitionsCheck.check(beanFactory);
			if (environment.getProperty("logging.level." + LOGGERS) == null) {
				org.springframework.boot.logging.LoggingSystem.get(EmbeddedS3Configuration.class.getClassLoader())
					.setLogLevel(LOGGERS, org.springframework.boot.logging.LogLevel.WARN);
			}
			SingleTableProperties settings = singleTableProperties.getIfAvailable();
			Path persistent = (settings != null) ? settings.embedded().persistentDirectory() : null;
			return new EmbeddedS3(properties.embedded().port(),
					(persistent != null) ? persistent.resolve(S3_DIRECTORY) : null);
		}

		@Bean(START_BEAN)
		Runnable singleTableEmbeddedS3Start(ObjectProvider<EmbeddedS3> server) {
			return () -> server.getObject().startAsync();
		}

	}

	/**
	 * Matches when the embedded S3 should start: {@code singletable.blobs.embedded.enabled=true}, or that property
	 * unset while neither {@code singletable.blobs.endpoint} nor {@code singletable.blobs.region} is set and the
	 * application defines no {@link S3Client}.
	 */
	static class EmbeddedS3Condition extends AnyNestedCondition {

		static final String ENABLED_PROPERTY = "singletable.blobs.embedded.enabled";

		EmbeddedS3Condition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBooleanProperty(ENABLED_PROPERTY)
		static final class Forced {

		}

		@Conditional(NothingConfiguredCondition.class)
		@ConditionalOnMissingBean(S3Client.class)
		static final class NothingConfigured {

		}

		static final class NothingConfiguredCondition extends SpringBootCondition {

			@Override
			public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
				return LocalEndpoints.nothingConfigured(context.getEnvironment(), "Embedded S3", ENABLED_PROPERTY,
						"singletable.blobs.endpoint", "singletable.blobs.region");
			}

		}

	}

}
