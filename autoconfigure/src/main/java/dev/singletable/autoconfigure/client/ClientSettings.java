package dev.singletable.autoconfigure.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The one rule of how the connection details configure a client builder, blocking or async: the endpoint, the
 * region (a loopback endpoint without one gets the local default) and the credentials; and of how an async client
 * takes the connection of a blocking client the application defined itself, whose settings the
 * {@code singletable.*} properties do not describe.
 */
public final class ClientSettings {

	/** The package of singletable's auto-configurations, whose class names are their bean names. */
	private static final String AUTO_CONFIGURATION_PACKAGE = "dev.singletable.autoconfigure.";

	private ClientSettings() {
	}

	/**
	 * Gives a builder the endpoint, region and credentials of the connection details; a loopback endpoint without a
	 * region gets {@link LocalEndpoints#DEFAULT_REGION}.
	 * @param builder the builder
	 * @param connectionDetails the connection details
	 */
	public static void apply(AwsClientBuilder<?, ?> builder, SingleTableConnectionDetails connectionDetails) {
		URI endpoint = connectionDetails.getEndpoint();
		String region = connectionDetails.getRegion();
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
			if (region == null && LocalEndpoints.isLoopback(endpoint)) {
				region = LocalEndpoints.DEFAULT_REGION;
			}
		}
		if (region != null) {
			builder.region(Region.of(region));
		}
		AwsCredentialsProvider credentials = connectionDetails.getCredentialsProvider();
		if (credentials != null) {
			builder.credentialsProvider(credentials);
		}
	}

	/**
	 * Gives a builder the endpoint, region and credentials of another client. The SDK's default credentials chain
	 * is not shared (the other client closes it with itself): the builder resolves its own, to the same
	 * credentials.
	 * @param builder the builder
	 * @param configuration the other client's configuration
	 */
	public static void applyFrom(AwsClientBuilder<?, ?> builder, AwsServiceClientConfiguration configuration) {
		configuration.endpointOverride().ifPresent(builder::endpointOverride);
		if (configuration.region() != null) {
			builder.region(configuration.region());
		}
		IdentityProvider<? extends AwsCredentialsIdentity> credentials = configuration.credentialsProvider();
		if (credentials != null && !(credentials instanceof DefaultCredentialsProvider)) {
			builder.credentialsProvider(credentials);
		}
	}

	/**
	 * Returns the application's own client of a type — one not defined by singletable's auto-configuration — when
	 * the context has exactly one client of that type.
	 * @param beanFactory the bean factory
	 * @param type the client type
	 * @param clients the clients of that type
	 * @return the application's client, or {@literal null} when there is none or it is singletable's
	 */
	public static <C> @Nullable C applicationClient(ConfigurableListableBeanFactory beanFactory, Class<C> type,
			ObjectProvider<C> clients) {
		String[] names = beanFactory.getBeanNamesForType(type, true, false);
		if (names.length != 1 || isAutoConfigured(beanFactory, names[0])) {
			return null;
		}
		return clients.getIfUnique();
	}

	private static boolean isAutoConfigured(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
		String factoryBean = definition.getFactoryBeanName();
		return factoryBean != null && factoryBean.startsWith(AUTO_CONFIGURATION_PACKAGE);
	}

}
