package dev.singletable.test.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.autoconfigure.embedded.EmbeddedS3;
import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.autoconfigure.SingleTableDynamoDbAsyncClientBuilderCustomizer;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@link ContextCustomizerFactory} that makes every Spring test context of the JVM ({@code @SpringBootTest},
 * {@code @DataSingleTableTest} and other slices) use one {@link SharedEmbeddedDynamoDbLocal shared embedded
 * DynamoDB Local} and one {@link SharedEmbeddedS3 shared embedded S3} instead of starting its own, when the context
 * would start an embedded one: a suite of many test classes starts one of each. Each context still sees only its own
 * data: DynamoDB Local keeps a database per access key, the embedded S3 a store per access key, and each context's
 * clients use an access key of its own, so the table or bucket of one context (even with the same name) is not the
 * table or bucket of another. A context that sets {@code singletable.embedded.port} (or
 * {@code singletable.blobs.embedded.port}) gets a server of its own on that port, and one that sets
 * {@code singletable.embedded.persistent} servers of its own on its store.
 */
class SharedEmbeddedDynamoDbLocalContextCustomizerFactory implements ContextCustomizerFactory {

	private static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

	private static final String EMBEDDED_DYNAMODB_LOCAL = "dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal";

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		ClassLoader classLoader = testClass.getClassLoader();
		if (!ClassUtils.isPresent(SERVER_RUNNER, classLoader)
				|| !ClassUtils.isPresent(EMBEDDED_DYNAMODB_LOCAL, classLoader)) {
			return null;
		}
		return new SharedEmbeddedDynamoDbLocalContextCustomizer();
	}

	/**
	 * Registers the shared server, which makes the auto-configuration use it rather than start one, and the
	 * context's own access key.
	 */
	static final class SharedEmbeddedDynamoDbLocalContextCustomizer implements ContextCustomizer {

		private static final AtomicInteger contexts = new AtomicInteger();

		private static final String SERVER_BEAN = "sharedEmbeddedDynamoDbLocal";

		private static final String S3_BEAN = "sharedEmbeddedS3";

		private static final String S3PROXY = "org.gaul.s3proxy.S3Proxy";

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			Environment environment = context.getEnvironment();
			if (environment.getProperty("singletable.embedded.port", Integer.class, 0) != 0
					|| isPersistent(environment)
					|| !(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)
					|| registry.containsBeanDefinition(SERVER_BEAN)) {
				// a context processed ahead of time has these definitions from its generated initializer already;
				// a context with a fixed port or a persistent store gets servers of its own
				return;
			}
			String tableName = environment.getProperty("singletable.table-name", "");
			// Constructor arguments rather than instance suppliers, so that a test context processed ahead of time
			// (spring-boot:process-test-aot) keeps these definitions: their values become generated code
			RootBeanDefinition server = new RootBeanDefinition(SharedServerFactoryBean.class);
			server.getConstructorArgumentValues().addIndexedArgumentValue(0, tableName);
			server.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, EmbeddedDynamoDbLocal.class);
			registry.registerBeanDefinition(SERVER_BEAN, server);
			// DynamoDB Local accepts access keys of letters and digits only
			String accessKey = "singletableTestContext" + contexts.incrementAndGet();
			RootBeanDefinition credentials = new RootBeanDefinition(ContextDatabaseCustomizer.class);
			credentials.getConstructorArgumentValues().addIndexedArgumentValue(0, accessKey);
			credentials.setAutowireMode(RootBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			registry.registerBeanDefinition("sharedEmbeddedDynamoDbLocalCredentials", credentials);
			if (ClassUtils.isPresent(S3PROXY, context.getClassLoader())
					&& environment.getProperty("singletable.blobs.embedded.port", Integer.class, 0) == 0) {
				// Used only where the context would start an embedded S3 (its auto-configuration backs off then)
				RootBeanDefinition s3 = new RootBeanDefinition(SharedS3FactoryBean.class);
				s3.getConstructorArgumentValues().addIndexedArgumentValue(0, accessKey);
				s3.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, EmbeddedS3.class);
				registry.registerBeanDefinition(S3_BEAN, s3);
			}
		}

		private static boolean isPersistent(Environment environment) {
			String persistent = environment.getProperty("singletable.embedded.persistent", "false");
			return !"false".equalsIgnoreCase(persistent.trim());
		}

		@Override
		public boolean equals(@Nullable Object obj) {
			return (obj != null) && (obj.getClass() == getClass());
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

	/**
	 * Hands the shared server to the context; the context never stops it, since objects made by a
	 * {@link FactoryBean} get no destruction callback. The context is closed before the server stops at the JVM's
	 * exit ({@link SharedServerContexts}).
	 */
	static final class SharedServerFactoryBean implements FactoryBean<EmbeddedDynamoDbLocal>, ApplicationContextAware {

		private final String tableName;

		@Override
		public void setApplicationContext(ApplicationContext context) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				SharedServerContexts.register(configurable);
			}
		}

		SharedServerFactoryBean(String tableName) {
			this.tableName = tableName;
		}

		@Override
		public EmbeddedDynamoDbLocal getObject() {
			return SharedEmbeddedDynamoDbLocal.get(this.tableName);
		}

		@Override
		public Class<?> getObjectType() {
			return EmbeddedDynamoDbLocal.class;
		}

	}

	/**
	 * Hands the context its view of the shared S3, with the context's access key; the context never stops it, and is
	 * closed before it stops at the JVM's exit.
	 */
	static final class SharedS3FactoryBean implements FactoryBean<EmbeddedS3>, ApplicationContextAware {

		private final String accessKey;

		@Override
		public void setApplicationContext(ApplicationContext context) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				SharedServerContexts.register(configurable);
			}
		}

		SharedS3FactoryBean(String accessKey) {
			this.accessKey = accessKey;
		}

		@Override
		public EmbeddedS3 getObject() {
			return SharedEmbeddedS3.get().forAccessKey(this.accessKey);
		}

		@Override
		public Class<?> getObjectType() {
			return EmbeddedS3.class;
		}

	}

	/**
	 * Gives the context's clients, blocking and async, an access key of its own, and so a database of its own, when
	 * they talk to the shared server.
	 */
	static final class ContextDatabaseCustomizer
			implements SingleTableDynamoDbClientBuilderCustomizer, SingleTableDynamoDbAsyncClientBuilderCustomizer, Ordered {

		private final String accessKey;

		private final ObjectProvider<SingleTableConnectionDetails> connectionDetails;

		ContextDatabaseCustomizer(String accessKey, ObjectProvider<SingleTableConnectionDetails> connectionDetails) {
			this.accessKey = accessKey;
			this.connectionDetails = connectionDetails;
		}

		@Override
		public void customize(DynamoDbClientBuilder builder) {
			apply(builder);
		}

		@Override
		public void customize(DynamoDbAsyncClientBuilder builder) {
			apply(builder);
		}

		private void apply(AwsClientBuilder<?, ?> builder) {
			SingleTableConnectionDetails details = this.connectionDetails.getIfUnique();
			if (details != null && details.getEndpoint() != null
					&& details.getEndpoint().equals(SharedEmbeddedDynamoDbLocal.endpointIfRunning())) {
				builder.credentialsProvider(
						StaticCredentialsProvider.create(AwsBasicCredentials.create(this.accessKey, "dummy")));
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
