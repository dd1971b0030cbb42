package dev.singletable.core.internal.write.send;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plan that reads the per-type counts ({@link TypeCounts#read()}), the one read of both templates'
 * {@code countsByType}, driven with canned answers: no server and no client.
 */
class TypeCountsUnitTests {

	private final TypeCounts counts = new TypeCounts("counted",
			new MappingSingleTableConverter(new SingleTableMappingContext()), new Timestamps());

	@Test
	void readAsksOneConsistentGetItemOfTheCountsRowAndKeepsTheRowsOrder() {
		Map<String, AttributeValue> row = Map.of("pk", AttributeValue.fromS(TypeCounts.KEY), TypeCounts.COUNTS,
				AttributeValue.fromM(orderedCounts()));
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().item(row).build()));

		Map<String, Long> read = driver.run(this.counts.read());

		assertThat(read).containsExactly(Map.entry("Zebra", 3L), Map.entry("Apple", 12L), Map.entry("Mango", 0L));
		List<Request> sent = driver.sent();
		assertThat(sent).singleElement().isInstanceOfSatisfying(Request.Plain.class, (plain) -> {
			GetItemRequest get = (GetItemRequest) plain.request();
			assertThat(get.tableName()).isEqualTo("counted");
			assertThat(get.key()).isEqualTo(TypeCounts.key());
			assertThat(get.consistentRead()).isTrue();
		});
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> read.put("Other", 1L));
	}

	@Test
	void readIsEmptyWhenNoCountsWereKept() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().build()));

		assertThat(driver.run(this.counts.read())).isEmpty();
	}

	private static Map<String, AttributeValue> orderedCounts() {
		Map<String, AttributeValue> counts = new LinkedHashMap<>();
		counts.put("Zebra", AttributeValue.fromN("3"));
		counts.put("Apple", AttributeValue.fromN("12"));
		counts.put("Mango", AttributeValue.fromN("0"));
		return counts;
	}

}
