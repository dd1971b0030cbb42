package dev.singletable.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Configuration properties of large fields stored in S3 ({@code @BlobField}), bound from
 * {@code singletable.blobs.*}. Blob storage is configured when a bucket is set.
 *
 * @param bucket S3 bucket that holds the objects of '@BlobField' properties. Blob storage is configured only when
 * it is set.
 * @param keyPrefix Prefix of every object key, for example 'blobs' for 'blobs/Type/id/v1/field'; the same as
 * simplesingletable's 's3_key_prefix' when Python services share the bucket.
 * @param endpoint Endpoint URI of the S3 client, for example 'http://localhost:9000' for MinIO or LocalStack. Such
 * endpoints are called with path-style addressing; a loopback one without a region uses 'us-east-1' and dummy
 * credentials.
 * @param region AWS region of the S3 client. When not set, 'singletable.region' applies, then the AWS SDK's default
 * region chain.
 * @param embedded Embedded in-process S3 settings.
 */
@ConfigurationProperties("singletable.blobs")
public record SingleTableBlobsProperties(@Nullable String bucket, @DefaultValue("") String keyPrefix,
		@Nullable URI endpoint, @Nullable String region, @DefaultValue Embedded embedded) {

	/**
	 * Checks the bound values.
	 * @throws IllegalArgumentException naming the property when a value is invalid
	 */
	public SingleTableBlobsProperties {
		if (bucket != null && !StringUtils.hasText(bucket)) {
			throw new IllegalArgumentException("singletable.blobs.bucket must not be blank: name the S3 bucket that "
					+ "holds the @BlobField objects or remove the property");
		}
		LocalEndpoints.checkEndpoint(endpoint, "singletable.blobs.endpoint", "http://localhost:9000");
		if (region != null && !StringUtils.hasText(region)) {
			throw new IllegalArgumentException("singletable.blobs.region must not be blank: set an AWS region such as "
					+ "eu-west-1 or remove the property");
		}
	}

	/**
	 * Embedded in-process S3 settings.
	 *
	 * @param enabled Whether to start an in-memory S3 (S3Proxy) in the application. When not set, it starts when
	 * 'org.gaul:s3proxy' is on the classpath and neither 'singletable.blobs.endpoint' nor 'singletable.blobs.region'
	 * is set and the application defines no S3Client; 'true' starts it regardless, 'false' never.
	 * @param port Loopback port of the embedded S3; 0 picks a free port.
	 */
	public record Embedded(@Nullable Boolean enabled, @DefaultValue("0") int port) {

		/** Highest TCP port. */
		private static final int MAX_PORT = 65535;

		/**
		 * Checks the bound values.
		 * @throws IllegalArgumentException when the port is out of range
		 */
		public Embedded {
			if (port < 0 || port > MAX_PORT) {
				throw new IllegalArgumentException("singletable.blobs.embedded.port must be between 0 (a free port) and "
						+ MAX_PORT + ", but was " + port);
			}
		}

	}

}
