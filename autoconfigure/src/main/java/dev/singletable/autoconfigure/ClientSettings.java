package dev.singletable.autoconfigure;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The one rule of how the connection details configure a client builder, blocking or async: the endpoint, the
 * region (a loopback endpoint without one gets the local default) and the credentials.
 */
final class ClientSettings {

	private ClientSettings() {
	}

	static void apply(AwsClientBuilder<?, ?> builder, SingleTableConnectionDetails connectionDetails) {
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

}
