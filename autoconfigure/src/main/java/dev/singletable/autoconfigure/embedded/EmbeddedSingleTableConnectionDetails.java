package dev.singletable.autoconfigure.embedded;

import java.net.URI;

import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.autoconfigure.client.LocalEndpoints;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * {@link SingleTableConnectionDetails} of the {@link EmbeddedDynamoDbLocal embedded DynamoDB Local}: its loopback
 * endpoint, {@code us-east-1} and dummy credentials.
 */
public final class EmbeddedSingleTableConnectionDetails implements SingleTableConnectionDetails {

	private final URI endpoint;

	/**
	 * Creates connection details for the given endpoint of an embedded server.
	 * @param endpoint the endpoint
	 */
	EmbeddedSingleTableConnectionDetails(URI endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public URI getEndpoint() {
		return this.endpoint;
	}

	@Override
	public String getRegion() {
		return LocalEndpoints.DEFAULT_REGION;
	}

	@Override
	public AwsCredentialsProvider getCredentialsProvider() {
		return LocalEndpoints.dummyCredentials();
	}

}
