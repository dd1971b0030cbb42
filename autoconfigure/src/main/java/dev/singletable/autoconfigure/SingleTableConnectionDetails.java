package dev.singletable.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

import dev.singletable.autoconfigure.client.LocalEndpoints;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Details of the DynamoDB the single-table support connects to: its endpoint, its region and, for an emulator,
 * the credentials to use. Defined from the {@code singletable.*} properties by default; the embedded DynamoDB
 * Local or a Testcontainers {@code @ServiceConnection} replace them without touching the properties.
 */
public interface SingleTableConnectionDetails extends ConnectionDetails {

	/**
	 * Returns the endpoint to call instead of the AWS endpoint of the region.
	 * @return the endpoint, or {@literal null} for the AWS endpoint
	 */
	@Nullable URI getEndpoint();

	/**
	 * Returns the AWS region.
	 * @return the region, or {@literal null} for {@code us-east-1} when the endpoint is on this machine, else the
	 * AWS SDK's default region chain
	 */
	@Nullable String getRegion();

	/**
	 * Returns the credentials to sign requests with. By default, dummy static credentials when the endpoint is on
	 * this machine ({@code localhost} or a loopback address, as a DynamoDB Local or LocalStack usually is), since an
	 * emulator accepts any; else {@literal null} for the AWS SDK's default credentials chain.
	 * @return the credentials provider, or {@literal null} for the default chain
	 */
	default @Nullable AwsCredentialsProvider getCredentialsProvider() {
		return LocalEndpoints.isLoopback(getEndpoint()) ? LocalEndpoints.dummyCredentials() : null;
	}

}
