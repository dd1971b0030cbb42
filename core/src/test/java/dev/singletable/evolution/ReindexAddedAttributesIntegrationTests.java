package dev.singletable.evolution;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reindex} writes what a type declares later (from issue 25): a singleton's index keys, a type index sort key on
 * every item, and a TTL on the latest and every version item of a versioned type and on plain items.
 */
class ReindexAddedAttributesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@SingleTableEntity(prefix = "Lease", versioned = true)
	record LeaseBefore(@Id String id, @Version Long version, String tenant, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Lease", versioned = true, ttlProperty = "expiresAt")
	record LeaseAfter(@Id String id, @Version Long version, String tenant, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Coupon")
	record CouponBefore(@Id String id, String code, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Coupon", ttlProperty = "expiresAt")
	record CouponAfter(@Id String id, String code, Instant expiresAt) {

	}

	@SingleTableEntity(prefix = "Theme", versioned = true, singleton = true)
	record ThemeBefore(@Id String id, @Version Long version, String mode) {

	}

	@SingleTableEntity(prefix = "Theme", versioned = true, singleton = true)
	@IndexKey(index = "gsi1", partition = "theme#{mode}")
	record ThemeAfter(@Id String id, @Version Long version, String mode) {

	}

	@SingleTableEntity(prefix = "Score")
	record ScoreBefore(@Id String id, String player, String points) {

	}

	@SingleTableEntity(prefix = "Score")
	@IndexKey(index = "gsitype", sort = "{points}")
	record ScoreByPoints(@Id String id, String player, String points) {

	}

	@Test
	void aSingletonIsReindexed() {
		ThemeBefore theme = template().create(new ThemeBefore(null, null, "dark"));
		template().update(new ThemeBefore(theme.id(), theme.version(), "light"));

		BackfillResult result = new SingleTableBackfills(template()).reindex(ThemeAfter.class);

		assertThat(result.itemsRead()).isEqualTo(1);
		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(template().query(ThemeAfter.class).index("gsi1").partition("theme#light").all()).singleElement()
			.satisfies((found) -> assertThat(found.version()).isEqualTo(2));
	}

	@Test
	void aTypeIndexSortKeyDeclaredLaterIsWrittenByReindexOnEveryItem() {
		SingleTableTemplate before = template();
		for (int i = 0; i < 30; i++) {
			before.create(new ScoreBefore(String.format("S%02d", i), "p" + i, String.format("%04d", (i * 37) % 100)));
		}

		BackfillResult result = new SingleTableBackfills(template()).reindex(ScoreByPoints.class,
				BackfillOptions.defaults().withSegments(4).withThreads(2));

		assertThat(result.itemsRead()).isEqualTo(30);
		assertThat(result.itemsWritten()).isEqualTo(30);
		for (int i = 0; i < 30; i++) {
			String id = String.format("S%02d", i);
			assertThat(dynamo.storedItem("Score#" + id, "Score#" + id).get("gsitypesk").s())
				.isEqualTo(String.format("%04d", (i * 37) % 100));
		}
		assertThat(template().query(ScoreByPoints.class).all()).extracting(ScoreByPoints::points).isSorted().hasSize(30);
	}

	private static SingleTableTemplate template() {
		return BackfillFixtures.template(dynamo.client(), dynamo.tableName());
	}

	@Test
	void aTtlAddedLaterIsWrittenByReindexOnTheLatestAndEveryVersionItemAsAnUpdateWritesIt() {
		SingleTableTemplate before = template();
		Instant expires = Instant.parse("2030-01-01T00:00:00Z");
		LeaseBefore lease = before.create(new LeaseBefore("L1", null, "acme", expires));
		lease = before.update(new LeaseBefore(lease.id(), lease.version(), "acme-2", expires));
		assertThat(dynamo.storedItem("Lease#L1", "v1")).doesNotContainKey("ttl");

		BackfillResult result = new SingleTableBackfills(template()).reindex(LeaseAfter.class);

		assertThat(result.itemsWritten()).isEqualTo(1);
		String seconds = Long.toString(expires.getEpochSecond());
		assertThat(dynamo.storedItem("Lease#L1", "v0").get("ttl").n()).isEqualTo(seconds);
		// the history items carry the TTL an update writes on them: without it the latest item expires and its
		// history stays forever
		assertThat(dynamo.storedItem("Lease#L1", "v1").get("ttl")).isEqualTo(AttributeValue.fromN(seconds));
		assertThat(dynamo.storedItem("Lease#L1", "v2").get("ttl")).isEqualTo(AttributeValue.fromN(seconds));
		// as a write of the new definition does
		SingleTableTemplate after = template();
		LeaseAfter written = after.create(new LeaseAfter("L2", null, "acme", expires));
		after.update(new LeaseAfter(written.id(), written.version(), "acme-3", expires));
		assertThat(dynamo.storedItem("Lease#L2", "v1").get("ttl")).isEqualTo(AttributeValue.fromN(seconds));

		// done: a second run writes nothing
		BackfillResult again = new SingleTableBackfills(template()).reindex(LeaseAfter.class);
		assertThat(again.itemsWritten()).isZero();
	}

	@Test
	void aTtlAddedLaterIsWrittenByReindexOnPlainItems() {
		Instant expires = Instant.parse("2031-01-01T00:00:00Z");
		template().create(new CouponBefore("C1", "SAVE", expires));
		template().create(new CouponBefore("C2", "MORE", null));

		BackfillResult result = new SingleTableBackfills(template()).reindex(CouponAfter.class);

		assertThat(result.itemsRead()).isEqualTo(2);
		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(result.itemsUnchanged()).isEqualTo(1);
		assertThat(dynamo.storedItem("Coupon#C1", "Coupon#C1").get("ttl").n())
			.isEqualTo(Long.toString(expires.getEpochSecond()));
		assertThat(dynamo.storedItem("Coupon#C2", "Coupon#C2")).doesNotContainKey("ttl");
	}

}
