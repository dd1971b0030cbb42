package dev.singletable.core.crosslang;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * The Java twins of the Python models of {@code crosslang/driver.py}: same prefix (the Python class name), same
 * storage settings, same index keys; camelCase properties matched to the snake_case Python fields by the
 * snake-case naming strategy of the tests' storage mapper.
 */
final class JavaTwins {

	private JavaTwins() {
	}

	/** Python {@code Color(str, Enum)}: stored by value. */
	enum Color {

		@JsonProperty("red")
		RED,

		@JsonProperty("green")
		GREEN,

		@JsonProperty("blue")
		BLUE

	}

	/** Python nested model {@code Address}. */
	record Address(String street, String city, String zipCode) {
	}

	/** The fields the two versioned document twins share, so one test body covers both. */
	interface Doc {

		String id();

		Long version();

		Instant createdAt();

		Instant updatedAt();

		String title();

		String body();

		long count();

		List<String> tags();

	}

	/** Python {@code CrossDoc}: versioned, compressed; gsi1 by owner, gsi3 by owner and rank (both or neither, as {@code _board_key}). */
	@SingleTableEntity(prefix = "CrossDoc", versioned = true)
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	@IndexKey(index = "gsi3", partition = "board#{owner}", sort = "{rank}", allowMissingSort = true)
	record CrossDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, String body, String owner, String rank, long count,
			List<String> tags) implements Doc {

		CrossDoc withTitle(String title) {
			return new CrossDoc(this.id, this.version, this.createdAt, this.updatedAt, title, this.body, this.owner,
					this.rank, this.count, this.tags);
		}

	}

	/** Python {@code CrossLedger}: versioned, uncompressed, same fields and keys as {@link CrossDoc}. */
	@SingleTableEntity(prefix = "CrossLedger", versioned = true, compression = Compression.DISABLED)
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	@IndexKey(index = "gsi3", partition = "board#{owner}", sort = "{rank}", allowMissingSort = true)
	record CrossLedger(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, String body, String owner, String rank, long count,
			List<String> tags) implements Doc {

		CrossLedger withTitle(String title) {
			return new CrossLedger(this.id, this.version, this.createdAt, this.updatedAt, title, this.body, this.owner,
					this.rank, this.count, this.tags);
		}

	}

	/** Python {@code CrossCapped}: versioned, compressed, three versions kept. */
	@SingleTableEntity(prefix = "CrossCapped", versioned = true, maxVersions = 3)
	record CrossCapped(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title) {

		CrossCapped withTitle(String title) {
			return new CrossCapped(this.id, this.version, this.createdAt, this.updatedAt, title);
		}

	}

	/** Python {@code CrossAllTypes}: plain, uncompressed, every field type. */
	@SingleTableEntity(prefix = "CrossAllTypes")
	record CrossAllTypes(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String name, long count, double ratio, BigDecimal price, boolean flag, String nothing, List<String> items,
			Map<String, Long> meta, Set<String> labels, Instant moment, Color color, Address address) {

		CrossAllTypes withName(String name) {
			return new CrossAllTypes(this.id, this.createdAt, this.updatedAt, name, this.count, this.ratio, this.price,
					this.flag, this.nothing, this.items, this.meta, this.labels, this.moment, this.color, this.address);
		}

	}

	/** Python {@code CrossAllTypesPacked}: plain, compressed, every field type and a date. */
	@SingleTableEntity(prefix = "CrossAllTypesPacked", compression = Compression.ENABLED)
	record CrossAllTypesPacked(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String name, long count, double ratio, BigDecimal price, boolean flag, String nothing, List<String> items,
			Map<String, Long> meta, Set<String> labels, Instant moment, LocalDate day, Color color,
			Address address) {

		CrossAllTypesPacked withName(String name) {
			return new CrossAllTypesPacked(this.id, this.createdAt, this.updatedAt, name, this.count, this.ratio,
					this.price, this.flag, this.nothing, this.items, this.meta, this.labels, this.moment, this.day,
					this.color, this.address);
		}

	}

	/** Python {@code CrossEvent}: plain; ids such as {@code team#42}. */
	@SingleTableEntity(prefix = "CrossEvent")
	record CrossEvent(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title) {

		CrossEvent withTitle(String title) {
			return new CrossEvent(this.id, this.createdAt, this.updatedAt, title);
		}

	}

	/** Python {@code CrossMonthly}: plain, compressed, type index sorted by month. */
	@SingleTableEntity(prefix = "CrossMonthly", compression = Compression.ENABLED)
	@IndexKey(index = "gsitype", sort = "{month}")
	record CrossMonthly(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String month, String note) {

		CrossMonthly withNote(String note) {
			return new CrossMonthly(this.id, this.createdAt, this.updatedAt, this.month, note);
		}

	}

	/** Python {@code CrossFlagged}: index key {@code flag#<str(bool)>}, so {@code flag#True}. */
	@SingleTableEntity(prefix = "CrossFlagged")
	@IndexKey(index = "gsi1", partition = "flag#{active}")
	record CrossFlagged(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, boolean active) {

	}

	/** Python {@code CrossKeyed}: index keys {@code color#<enum value>} and {@code prio#<str(int)>}. */
	@SingleTableEntity(prefix = "CrossKeyed")
	@IndexKey(index = "gsi1", partition = "color#{color}")
	@IndexKey(index = "gsi2", partition = "prio#{prio}")
	record CrossKeyed(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title,
			Color color, int prio) {

		CrossKeyed withTitle(String title) {
			return new CrossKeyed(this.id, this.createdAt, this.updatedAt, title, this.color, this.prio);
		}

	}

	/**
	 * Python {@code CrossSeq}: a {@code {n:05d}} sort key. The template names that form explicitly, in the Python
	 * format-spec syntax: issue 12 (item 7) asks for such a form and leaves the syntax to the fix, so adjust this
	 * template to the syntax chosen.
	 */
	@SingleTableEntity(prefix = "CrossSeq")
	@IndexKey(index = "gsi3", partition = "seq#{title}", sort = "{n:05d}")
	record CrossSeq(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title,
			int n) {

		CrossSeq withN(int n) {
			return new CrossSeq(this.id, this.createdAt, this.updatedAt, this.title, n);
		}

	}

	/** Python {@code CrossStamp}: an aware and a naive datetime. */
	@SingleTableEntity(prefix = "CrossStamp")
	record CrossStamp(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String label,
			Instant at, LocalDateTime local) {

	}

	/** Python {@code CrossNote}: the Java side has a {@code @Transient} property Python does not know. */
	@SingleTableEntity(prefix = "CrossNote")
	record CrossNote(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String title,
			@Transient String scratch) {

	}

	/** Python {@code CrossAudited}: plain, audited with field changes and snapshots. */
	@SingleTableEntity(prefix = "CrossAudited")
	@Audited(snapshot = true)
	record CrossAudited(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String title, double price, List<String> tags) {

		CrossAudited withTitle(String title) {
			return new CrossAudited(this.id, this.createdAt, this.updatedAt, title, this.price, this.tags);
		}

	}

}
