package dev.singletable.autoconfigure.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.singletable.core.blob.MissingBlobStorageException;

/**
 * Explains a startup that failed because a {@code @SingleTableEntity} type has {@code @BlobField} properties and
 * the template has no blob storage, however deep in the chain of bean creation failures the cause lies: it says
 * whether {@code singletable.blobs.bucket} is missing, the S3 SDK is, or the bucket is set and the blob
 * auto-configuration did not apply.
 */
class MissingBlobStorageFailureAnalyzer extends AbstractFailureAnalyzer<MissingBlobStorageException> {

	/** The class whose presence tells that the S3 SDK is on the classpath. */
	static final String S3_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

	private static final String BUCKET_PROPERTY = "singletable.blobs.bucket";

	private final boolean s3OnClasspath;

	private final @Nullable String bucket;

	/**
	 * Creates the analyzer for the application that failed (Spring Boot passes its environment).
	 * @param environment the environment of the application, or {@literal null} when it has none
	 */
	public MissingBlobStorageFailureAnalyzer(@Nullable Environment environment) {
		this(ClassUtils.isPresent(S3_CLIENT, MissingBlobStorageFailureAnalyzer.class.getClassLoader()),
				(environment != null) ? environment.getProperty(BUCKET_PROPERTY) : null);
	}

	MissingBlobStorageFailureAnalyzer(boolean s3OnClasspath, @Nullable String bucket) {
		this.s3OnClasspath = s3OnClasspath;
		this.bucket = StringUtils.hasText(bucket) ? bucket : null;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingBlobStorageException cause) {
		String type = cause.getEntityType().getName();
		StringBuilder description = new StringBuilder("The entity type ").append(type)
			.append(" stores its property '")
			.append(cause.getPropertyName())
			.append("' in S3 (@BlobField), but no blob storage is configured: ");
		StringBuilder action = new StringBuilder();
		if (!this.s3OnClasspath) {
			description.append("the S3 SDK (software.amazon.awssdk:s3) is not on the classpath");
			action.append("Add software.amazon.awssdk:s3 to the classpath");
			if (this.bucket == null) {
				description.append(" and ").append(BUCKET_PROPERTY).append(" is not set");
				action.append(" and set ").append(BUCKET_PROPERTY).append(" to the S3 bucket that holds the objects");
			}
			description.append('.');
			action.append(" (with org.gaul:s3proxy on the classpath and neither singletable.blobs.endpoint nor "
					+ "singletable.blobs.region set, an in-memory S3 starts with the bucket)");
		}
		else if (this.bucket == null) {
			description.append(BUCKET_PROPERTY).append(" is not set.");
			action.append("Set ").append(BUCKET_PROPERTY).append(" to the S3 bucket that holds the objects (with "
					+ "org.gaul:s3proxy on the classpath and neither singletable.blobs.endpoint nor "
					+ "singletable.blobs.region set, an in-memory S3 starts with the bucket)");
		}
		else {
			description.append(BUCKET_PROPERTY).append(" is set to '").append(this.bucket)
				.append("', but the blob auto-configuration (SingleTableBlobsAutoConfiguration) did not apply.");
			action.append("Do not exclude SingleTableBlobsAutoConfiguration (spring.autoconfigure.exclude, "
					+ "@SpringBootApplication(exclude = ..), a test slice's excludeAutoConfiguration); a test slice "
					+ "other than @DataSingleTableTest gets it with @AutoConfigureDataSingleTable");
		}
		action.append(", or give the template a BlobStorage yourself (a SingleTableTemplateCustomizer calling "
				+ "setBlobStorage), or remove @BlobField from ")
			.append(type)
			.append(", or move it out of the packages scanned for entities.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
