package dev.singletable.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.StringUtils;

import dev.singletable.autoconfigure.client.LocalEndpoints;
import dev.singletable.core.blob.BlobCacheSettings;

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
 * @param cache In-process cache of loaded blob objects.
 */
@ConfigurationProperties("singletable.blobs")
public record SingleTableBlobsProperties(@Nullable String bucket, String keyPrefix, @Nullable URI endpoint,
		@Nullable String region, Embedded embedded, Cache cache) {

	/**
	 * Checks the bound values. A group none of whose properties is set is bound as {@literal null} and takes its
	 * defaults here, the values of its {@link DefaultValue @DefaultValue} parameters, so that the binder does not
	 * convert the cache's sizes and time to live from text at every start; the key prefix's default is set here too
	 * and listed in the configuration metadata from {@code META-INF/additional-spring-configuration-metadata.json}.
	 * @throws IllegalArgumentException naming the property when a value is invalid
	 */
	public SingleTableBlobsProperties {
		keyPrefix = (keyPrefix != null) ? keyPrefix : "";
		embedded = (embedded != null) ? embedded : new Embedded(null, 0);
		cache = (cache != null) ? cache
				: new Cache(true, DataSize.ofMegabytes(100), 1000, Duration.ofSeconds(900), DataSize.ofMegabytes(1));
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
	 * In-process cache of loaded blob objects, least recently used out first.
	 *
	 * @param enabled Whether to keep loaded blob objects in memory. An object under a versioned key never changes;
	 * this application's own writes and deletes replace what it cached, another application's are seen after the
	 * time to live.
	 * @param maxSize Most bytes the cache holds in all (uncompressed).
	 * @param maxItems Most objects the cache holds.
	 * @param ttl How long a cached object is used before it is read from S3 again. A number without unit is seconds.
	 * @param maxItemSize Largest object (uncompressed) the cache keeps; larger ones are always read from S3.
	 */
	public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("100MB") DataSize maxSize,
			@DefaultValue("1000") int maxItems, @DefaultValue("900s") @DurationUnit(ChronoUnit.SECONDS) Duration ttl,
			@DefaultValue("1MB") DataSize maxItemSize) {

		/**
		 * Checks the bound values.
		 * @throws IllegalArgumentException naming the property when a value is invalid
		 */
		public Cache {
			if (maxSize.isNegative()) {
				throw new IllegalArgumentException("singletable.blobs.cache.max-size must not be negative, but was "
						+ maxSize);
			}
			if (maxItems < 0) {
				throw new IllegalArgumentException("singletable.blobs.cache.max-items must not be negative, but was "
						+ maxItems);
			}
			if (ttl.isNegative() || ttl.isZero()) {
				throw new IllegalArgumentException("singletable.blobs.cache.ttl must be positive, such as 900s, but was "
						+ ttl + "; set singletable.blobs.cache.enabled=false to read every load from S3");
			}
			if (maxItemSize.isNegative()) {
				throw new IllegalArgumentException("singletable.blobs.cache.max-item-size must not be negative, but "
						+ "was " + maxItemSize);
			}
		}

		/**
		 * Returns these settings as the blob storage takes them.
		 * @return the cache settings
		 */
		BlobCacheSettings toSettings() {
			if (!this.enabled) {
				return BlobCacheSettings.DISABLED;
			}
			return new BlobCacheSettings(true, this.maxSize.toBytes(), this.maxItems, this.ttl,
					this.maxItemSize.toBytes());
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
