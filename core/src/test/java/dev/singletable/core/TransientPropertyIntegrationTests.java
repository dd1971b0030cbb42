package dev.singletable.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Data's {@link Transient @Transient} properties are never stored: not as attributes, not inside the
 * compressed {@code data}, on records and classes, and reads leave them at their default. Every such property
 * here is one Jackson would serialize without the annotation.
 */
class TransientPropertyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void versionedCompressedRecordNeverStoresTransientComponent() {
		SealedNote created = this.template.create(new SealedNote(null, null, null, null, "title", "scratch"));
		SealedNote updated = this.template.update(
				new SealedNote(created.id(), created.version(), created.createdAt(), created.updatedAt(), "t2", "more"));

		for (String sk : new String[] { "v0", "v1", "v2" }) {
			String json = json(item("SealedNote#" + created.id(), sk));
			assertThat(json).as(sk).contains("\"title\"").doesNotContain("scratch").doesNotContain("more");
		}
		assertThat(this.template.getById(SealedNote.class, created.id()))
			.isEqualTo(new SealedNote(created.id(), 2L, created.createdAt(), updated.updatedAt(), "t2", null));
		assertThat(this.template.findVersion(SealedNote.class, created.id(), 1)).get()
			.extracting(SealedNote::scratch)
			.isNull();
		assertThat(this.template.query(SealedNote.class).all()).extracting(SealedNote::scratch).containsExactly((String) null);
	}

	@Test
	void versionedUncompressedRecordNeverStoresTransientComponent() {
		OpenNote created = this.template.create(new OpenNote(null, null, null, null, "title", "scratch"));

		Map<String, AttributeValue> latest = item("OpenNote#" + created.id(), "v0");
		assertThat(latest).containsKey("title").doesNotContainKey("scratch");
		assertThat(item("OpenNote#" + created.id(), "v1")).containsKey("title").doesNotContainKey("scratch");
		assertThat(this.template.getById(OpenNote.class, created.id()).scratch()).isNull();
	}

	@Test
	void plainClassesNeverStoreTransientFieldsOrGetters() {
		PlainAccount plain = this.template.create(PlainAccount.named(new PlainAccount(), "ann"));
		SealedAccount sealed = this.template.create(PlainAccount.named(new SealedAccount(), "bob"));

		Map<String, AttributeValue> stored = item("PlainAccount#" + plain.getId(), "PlainAccount#" + plain.getId());
		assertThat(stored).containsKey("name").doesNotContainKeys("password", "displayName", "cache");
		String json = json(item("SealedAccount#" + sealed.getId(), "SealedAccount#" + sealed.getId()));
		assertThat(json).contains("\"name\"").doesNotContain("password").doesNotContain("displayName")
			.doesNotContain("secret");

		PlainAccount readPlain = this.template.getById(PlainAccount.class, plain.getId());
		SealedAccount readSealed = this.template.getById(SealedAccount.class, sealed.getId());
		assertThat(readPlain.getName()).isEqualTo("ann");
		assertThat(readPlain.getPassword()).isNull();
		assertThat(readPlain.getCache()).isZero();
		assertThat(readSealed.getName()).isEqualTo("bob");
		assertThat(readSealed.getPassword()).isNull();

		readPlain.setPassword("changed");
		PlainAccount updated = this.template.update(readPlain);
		assertThat(item("PlainAccount#" + plain.getId(), "PlainAccount#" + plain.getId())).doesNotContainKey("password");
		assertThat(this.template.getById(PlainAccount.class, updated.getId()).getPassword()).isNull();
	}

	private Map<String, AttributeValue> item(String pk, String sk) {
		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
				.consistentRead(true))
			.item();
		assertThat(item).as(pk + "/" + sk).isNotEmpty();
		return item;
	}

	private static String json(Map<String, AttributeValue> item) {
		assertThat(item).containsKey("data").doesNotContainKeys("scratch", "password", "displayName");
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(item.get("data").b().asByteArray()))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SingleTableEntity(versioned = true)
	record SealedNote(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @Transient String scratch) {
	}

	@SingleTableEntity(versioned = true, compression = Compression.DISABLED)
	record OpenNote(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @Transient String scratch) {
	}

	static class Account {

		@Id
		private String id;

		@LastModifiedDate
		private Instant updatedAt;

		private String name;

		@Transient
		private String password;

		@Transient
		private int cache;

		static <A extends Account> A named(A account, String name) {
			account.setName(name);
			account.setPassword("secret");
			account.setCache(7);
			return account;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public Instant getUpdatedAt() {
			return this.updatedAt;
		}

		public void setUpdatedAt(Instant updatedAt) {
			this.updatedAt = updatedAt;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public int getCache() {
			return this.cache;
		}

		public void setCache(int cache) {
			this.cache = cache;
		}

		@Transient
		public String getDisplayName() {
			return "Account " + this.name;
		}

	}

	@SingleTableEntity
	static class PlainAccount extends Account {

	}

	@SingleTableEntity(compression = Compression.ENABLED)
	static class SealedAccount extends Account {

	}

}
