package dev.singletable.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import dev.singletable.autoconfigure.client.LocalEndpoints;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * Configuration properties of the single-table DynamoDB support, bound from {@code singletable.*}. Every value is
 * checked when it is bound, so that a missing table name or an invalid value stops the application at startup
 * with a message naming the property.
 *
 * @param tableName Name of the DynamoDB table that stores every entity type. Required.
 * @param region AWS region of the DynamoDB client, for example 'eu-west-1'. When neither this nor an endpoint is
 * set, the AWS SDK's default region chain applies (or the embedded DynamoDB Local starts, when it is on the
 * classpath).
 * @param endpoint Endpoint URI of the DynamoDB client, for example 'http://localhost:8000' for a DynamoDB Local or
 * LocalStack. A loopback endpoint without a region uses 'us-east-1' and dummy credentials.
 * @param consistentReads Whether reads by id are strongly consistent instead of eventually consistent.
 * @param cursorSecret Secret that query cursors are encrypted and authenticated with, at least 16 characters and
 * the same on every instance. When not set, a random secret is generated once and kept in an internal item of the
 * table (_INTERNAL#CursorSecret), shared by every instance.
 * @param compression Compression defaults for entity types that do not choose.
 * @param versioning Versioning defaults for versioned entity types that do not choose.
 * @param table What to do with the table at startup.
 * @param embedded Embedded DynamoDB Local settings.
 * @param repositories Spring Data repository settings.
 * @param concurrency How many requests one operation sends at once.
 * @param stream How query streams read their pages.
 * @param counts Per-type counts in the MemoryStats row shared with simplesingletable.
 * @param pythonCompatibility What updates may do to the parts of the simplesingletable layout a type does not map.
 * @param cursorRotation Rotation of the cursor secret: the previous secrets still accepted, and for how long.
 * @param audit How audit rows are keyed.
 */
@ConfigurationProperties("singletable")
public record SingleTableProperties(String tableName, @Nullable String region, @Nullable URI endpoint,
		boolean consistentReads, @Nullable String cursorSecret, Compression compression,
		Versioning versioning, Table table, Embedded embedded, Repositories repositories, Concurrency concurrency,
		Streams stream, Counts counts, PythonCompatibility pythonCompatibility, CursorRotation cursorRotation,
		Audit audit) {

	/** Shortest accepted cursor secret. */
	static final int MIN_CURSOR_SECRET_LENGTH = 16;

	/**
	 * Checks the bound values. A group none of whose properties is set is bound as {@literal null} and takes its
	 * defaults here, the values of its {@link DefaultValue @DefaultValue} parameters, so that the binder does not
	 * reflect on and convert the defaults of groups the application does not set.
	 * @throws IllegalArgumentException naming the property when a value is missing or invalid
	 */
	public SingleTableProperties {
		compression = (compression != null) ? compression : new Compression(null, 1);
		versioning = (versioning != null) ? versioning : new Versioning(null);
		table = (table != null) ? table : new Table(TableCreation.VALIDATE);
		embedded = (embedded != null) ? embedded : new Embedded(null, 0, "false");
		repositories = (repositories != null) ? repositories : new Repositories(true);
		concurrency = (concurrency != null) ? concurrency : new Concurrency(8);
		stream = (stream != null) ? stream : new Streams(true);
		counts = (counts != null) ? counts : new Counts(false);
		pythonCompatibility = (pythonCompatibility != null) ? pythonCompatibility : new PythonCompatibility(false);
		cursorRotation = (cursorRotation != null) ? cursorRotation : new CursorRotation(List.of(), Duration.ofHours(24));
		audit = (audit != null) ? audit : new Audit(1);
		if (!StringUtils.hasText(tableName)) {
			throw new IllegalArgumentException("singletable.table-name must be set to the name of the DynamoDB table "
					+ "that stores the entities, for example singletable.table-name=my-app");
		}
		if (region != null && !StringUtils.hasText(region)) {
			throw new IllegalArgumentException("singletable.region must not be blank: set an AWS region such as "
					+ "eu-west-1 or remove the property");
		}
		if (endpoint != null) {
			LocalEndpoints.checkEndpoint(endpoint, "singletable.endpoint", "http://localhost:8000");
		}
		if (cursorSecret != null && cursorSecret.length() < MIN_CURSOR_SECRET_LENGTH) {
			throw new IllegalArgumentException("singletable.cursor-secret must have at least " + MIN_CURSOR_SECRET_LENGTH
					+ " characters, but has " + cursorSecret.length());
		}
	}

	/**
	 * Compression defaults.
	 *
	 * @param enabled Whether entity types that do not choose are stored as gzip-compressed JSON. When not set,
	 * versioned types are compressed and plain types are not.
	 * @param level Gzip level of compressed entity types that do not choose (@SingleTableEntity compressionLevel),
	 * from 1 (fastest) to 9 (smallest). Every level is readable by every reader, Python included.
	 */
	public record Compression(@Nullable Boolean enabled, @DefaultValue("1") int level) {

		/**
		 * Checks the bound values.
		 * @throws IllegalArgumentException when the level is not a gzip level
		 */
		public Compression {
			if (level < 1 || level > 9) {
				throw new IllegalArgumentException("singletable.compression.level must be a gzip level from 1 "
						+ "(fastest) to 9 (smallest), but was " + level);
			}
		}

	}

	/**
	 * Versioning defaults.
	 *
	 * @param maxVersions How many versions a versioned entity type keeps when it does not choose; older versions are
	 * deleted when a new one is written. 0 or not set keeps every version.
	 */
	public record Versioning(@Nullable Integer maxVersions) {

		/**
		 * Checks the bound values.
		 * @throws IllegalArgumentException when the number of versions is negative
		 */
		public Versioning {
			if (maxVersions != null && maxVersions < 0) {
				throw new IllegalArgumentException("singletable.versioning.max-versions must be 0 (keep every version) "
						+ "or more, but was " + maxVersions);
			}
		}

	}

	/**
	 * Table settings.
	 *
	 * @param create What to do with the table at startup: 'none' does nothing, 'create-if-missing' creates the table
	 * with every index the entities declare (and validates an existing one), 'validate' fails startup naming each
	 * missing table, index or key attribute.
	 */
	public record Table(@DefaultValue("validate") TableCreation create) {

	}

	/**
	 * Embedded DynamoDB Local settings.
	 *
	 * @param enabled Whether to start an in-memory DynamoDB Local in the application. When not set, it starts when
	 * 'com.amazonaws:DynamoDBLocal' is on the classpath and neither 'singletable.endpoint' nor 'singletable.region'
	 * is set and the application defines no DynamoDbClient; 'true' starts it regardless, 'false' never.
	 * @param port Loopback port of the embedded DynamoDB Local; 0 picks a free port.
	 * @param persistent Whether the embedded DynamoDB Local and S3 keep their data in files, so that it survives a
	 * restart: 'true' for the directory 'target/singletable-dev', a path for another directory, 'false' (the default)
	 * to keep it in memory. DynamoDB Local's database files go to its 'dynamodb' sub-directory, the S3 objects to
	 * 's3'.
	 */
	public record Embedded(@Nullable Boolean enabled, int port, String persistent) {

		/** Highest TCP port. */
		private static final int MAX_PORT = 65535;

		/** The directory of {@code singletable.embedded.persistent=true}, relative to the working directory. */
		public static final String DEFAULT_PERSISTENT_DIRECTORY = "target/singletable-dev";

		/**
		 * Checks the bound values. The port's default is the value an unbound {@code int} takes and the persistent
		 * store's is set here, rather than by {@link DefaultValue @DefaultValue} parameters the binder would convert
		 * whenever one of the group's properties is set; the configuration metadata lists the store's default from
		 * {@code META-INF/additional-spring-configuration-metadata.json}.
		 * @throws IllegalArgumentException when the port is out of range or the persistent store is blank
		 */
		public Embedded {
			persistent = (persistent != null) ? persistent : "false";
			if (port < 0 || port > MAX_PORT) {
				throw new IllegalArgumentException("singletable.embedded.port must be between 0 (a free port) and "
						+ MAX_PORT + ", but was " + port);
			}
			if (!StringUtils.hasText(persistent)) {
				throw new IllegalArgumentException("singletable.embedded.persistent must be true, false or a directory, "
						+ "but was blank");
			}
		}

		/**
		 * Returns the directory of the persistent development store.
		 * @return the directory ({@value #DEFAULT_PERSISTENT_DIRECTORY} for {@code true}), or {@literal null} to keep
		 * the data in memory
		 */
		public java.nio.file.@Nullable Path persistentDirectory() {
			String value = this.persistent.trim();
			if ("false".equalsIgnoreCase(value)) {
				return null;
			}
			return java.nio.file.Path.of("true".equalsIgnoreCase(value) ? DEFAULT_PERSISTENT_DIRECTORY : value);
		}

	}

	/**
	 * Spring Data repository settings.
	 *
	 * @param enabled Whether Spring Data repositories are enabled in the auto-configuration packages when the
	 * application does not declare '@EnableSingleTableRepositories' itself.
	 */
	public record Repositories(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * Request concurrency settings.
	 *
	 * @param maxRequests Most requests one operation has in flight at once: the BatchGetItem requests of a batch
	 * read (100 ids each) and the BatchWriteItem requests of a batch write or of deleting a versioned resource's
	 * history (25 items each) are sent side by side, never more requests in all. 0 or 1 sends them one after
	 * another.
	 */
	public record Concurrency(@DefaultValue("8") int maxRequests) {

		/**
		 * Checks the bound values.
		 * @throws IllegalArgumentException when the number is negative
		 */
		public Concurrency {
			if (maxRequests < 0) {
				throw new IllegalArgumentException("singletable.concurrency.max-requests must be 0 or more (0 or 1 "
						+ "sends requests one after another), but was " + maxRequests);
			}
		}

	}

	/**
	 * Query stream settings.
	 *
	 * @param prefetch Whether query streams (and Stream repository methods) fetch their next page while the current
	 * one is consumed: at most one page ahead, never past the query's limit, cancelled when the stream is closed.
	 */
	public record Streams(@DefaultValue("true") boolean prefetch) {

	}

	/**
	 * How audit rows are keyed.
	 *
	 * @param shards How many shards the audit log's shared index keys (gsitype _INTERNAL#AuditLog and the by-type
	 * gsi2pk) are spread over, 1 to 24. 1 (the default) is the layout simplesingletable reads; with more, the audited
	 * writes of the table take that many partition keys instead of one (DynamoDB's 1,000 write units a second each),
	 * and simplesingletable's reads of all audit rows and of a type's audit rows no longer see the rows written.
	 */
	public record Audit(@DefaultValue("1") int shards) {

		/**
		 * Checks the number of shards.
		 * @throws IllegalArgumentException naming the property when it is out of range
		 */
		public Audit {
			if (shards < 1 || shards > SingleTableEntity.MAX_TYPE_INDEX_SHARDS) {
				throw new IllegalArgumentException("singletable.audit.shards is " + shards
						+ ": set a number of shards from 1 (the layout simplesingletable reads) to "
						+ SingleTableEntity.MAX_TYPE_INDEX_SHARDS);
			}
		}

	}

	/**
	 * Per-type counts.
	 *
	 * @param enabled Whether creates and deletes keep per-type counts in simplesingletable's MemoryStats row
	 * (counts_by_type), in the same transaction as the change: one more item per write request that creates or
	 * deletes. Shown by the singletable health indicator.
	 */
	public record Counts(@DefaultValue("false") boolean enabled) {

	}

	/**
	 * What updates may do to the parts of the simplesingletable layout a type does not map.
	 *
	 * @param allowDroppingBlobsAndMetadata Whether an update may drop what simplesingletable keeps on an item but the
	 * entity type does not map: the blob references _blob_fields and _blob_versions (a type without @BlobField
	 * properties) and the filter metadata map of a versioned v0 (a type without @FilterMetadata properties), when the
	 * type has no @UnmappedAttributes property. When false, such an update is refused by its own condition with an
	 * AttributeDropRefusedException and nothing is written.
	 */
	public record PythonCompatibility(@DefaultValue("false") boolean allowDroppingBlobsAndMetadata) {

	}

	/**
	 * What to do with the table at startup.
	 */
	public enum TableCreation {

		/** Neither create nor check the table. */
		NONE,

		/** Create the table with every index the entities declare unless it exists; check an existing table. */
		CREATE_IF_MISSING,

		/** Check that the table exists with every key and index; fail startup naming what is missing. */
		VALIDATE

	}

	/**
	 * Rotation of the cursor secret.
	 *
	 * @param previousSecrets Secrets that cursors were encrypted with before the current one, each at least 16
	 * characters: their cursors are still accepted while younger than the grace period; new cursors always use the
	 * current secret (singletable.cursor-secret, else the table's generated one).
	 * @param grace How long after it was issued a cursor of a previous secret is accepted.
	 */
	public record CursorRotation(@DefaultValue List<String> previousSecrets, Duration grace) {

		/**
		 * Checks the bound values. The grace period's default is set here rather than by a
		 * {@link DefaultValue @DefaultValue} parameter, which the binder would convert from text at every start of an
		 * application that rotates its secret; the configuration metadata lists it from
		 * {@code META-INF/additional-spring-configuration-metadata.json}.
		 * @throws IllegalArgumentException naming the property when a secret is too short or the grace negative
		 */
		public CursorRotation {
			grace = (grace != null) ? grace : Duration.ofHours(24);
			for (int i = 0; i < previousSecrets.size(); i++) {
				if (previousSecrets.get(i).length() < MIN_CURSOR_SECRET_LENGTH) {
					throw new IllegalArgumentException("singletable.cursor-rotation.previous-secrets[" + i
							+ "] must have at least " + MIN_CURSOR_SECRET_LENGTH + " characters, but has "
							+ previousSecrets.get(i).length());
				}
			}
			if (grace.isNegative()) {
				throw new IllegalArgumentException(
						"singletable.cursor-rotation.grace must not be negative, but is " + grace);
			}
			previousSecrets = List.copyOf(previousSecrets);
		}

	}

}
