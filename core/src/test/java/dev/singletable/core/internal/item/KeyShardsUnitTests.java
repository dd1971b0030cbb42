package dev.singletable.core.internal.item;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * One key spread over shards, without a server: the unspread layout unchanged, an item's shard the CRC-32 of its id
 * (the same at every write), the keys a read queries, and one bound.
 */
class KeyShardsUnitTests {

	@Test
	void oneShardIsTheKeyItselfAndItsOnlyRead() {
		assertThat(KeyShards.NONE.spread()).isFalse();
		assertThat(KeyShards.NONE.key("_INTERNAL#AuditLog", "a1")).isEqualTo("_INTERNAL#AuditLog");
		assertThat(KeyShards.NONE.keys("_INTERNAL#AuditLog")).containsExactly("_INTERNAL#AuditLog");
		assertThat(KeyShards.of(1, "x")).isSameAs(KeyShards.NONE);
	}

	@Test
	void anItemsShardIsTheCrc32OfItsIdModuloTheShards() {
		KeyShards shards = new KeyShards(5);
		for (String id : new String[] { "a1", "order-42", "\u00fc-unicode", UUID.randomUUID().toString() }) {
			CRC32 crc = new CRC32();
			crc.update(id.getBytes(StandardCharsets.UTF_8));
			int expected = (int) (crc.getValue() % 5);
			assertThat(shards.shard(id)).isEqualTo(expected);
			assertThat(shards.key("Parcel", id)).isEqualTo("Parcel#" + expected);
		}
		// a value computed elsewhere (Python's zlib.crc32(b"a1") = 0x6ce14823), so that another language agrees
		assertThat(new KeyShards(7).shard("a1")).isEqualTo((int) (0x6ce14823L % 7));
	}

	@Test
	void aReadQueriesTheUnspreadKeyFirstThenEveryShard() {
		assertThat(new KeyShards(3).keys("_INTERNAL#EventPublication#FAILED")).containsExactly(
				"_INTERNAL#EventPublication#FAILED", "_INTERNAL#EventPublication#FAILED#0",
				"_INTERNAL#EventPublication#FAILED#1", "_INTERNAL#EventPublication#FAILED#2");
	}

	@Test
	void randomIdsFillEveryShardEvenly() {
		KeyShards shards = new KeyShards(8);
		Map<Integer, Integer> counts = new HashMap<>();
		for (int i = 0; i < 4000; i++) {
			counts.merge(shards.shard(UUID.randomUUID().toString()), 1, Integer::sum);
		}
		assertThat(counts).hasSize(8);
		assertThat(counts.values()).allSatisfy((count) -> assertThat(count).isBetween(400, 600));
	}

	@Test
	void theBoundIsOneUpToTheMostAndNamesTheSetting() {
		assertThat(new KeyShards(KeyShards.MAX).keys("k"))
			.as("a read of the most shards queries as many partitions as a partitionIn query")
			.hasSize(25);
		assertThatIllegalArgumentException().isThrownBy(() -> KeyShards.of(0, "singletable.audit.shards"))
			.withMessageStartingWith("singletable.audit.shards is 0; use 1");
		assertThatIllegalArgumentException().isThrownBy(() -> KeyShards.of(KeyShards.MAX + 1, "some.setting"))
			.withMessageContaining("some.setting is 25")
			.withMessageContaining("up to 24");
		assertThatIllegalArgumentException().isThrownBy(() -> new KeyShards(0));
	}

}
