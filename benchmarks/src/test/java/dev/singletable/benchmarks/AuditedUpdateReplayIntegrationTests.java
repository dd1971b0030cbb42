package dev.singletable.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.floor.FloorContender;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient.Recorded;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the audited update's row of the runs against canned responses measures the work of a real audited
 * update: with the writes frozen ({@link Contender#freezeWrites}), every replayed update reads, from the recorded
 * answer, the article it updates, so singletable's audit row records the one changed field (the title), as the
 * floor's does and as on the server; and once the writes go on, the pool continues from what was stored.
 */
class AuditedUpdateReplayIntegrationTests {

	private static final String TABLE = "audited-replay";

	private static final int REPLAYS = 6;

	@Test
	void replayedAuditedUpdatesRecordTheChangedTitleOnlyAndThePoolGoesOnFromWhatWasStored() {
		try (SdkWiring singletableWiring = SdkWiring.create(); SdkWiring floorWiring = SdkWiring.create()) {
			SingleTableSchema.standard(TABLE).createIfMissing(singletableWiring.client());
			Fixture fixture = new Fixture(Fixture.PAGE, 3, 3);
			try (SingleTableContender singletable = new SingleTableContender(singletableWiring.client(), TABLE);
					FloorContender floor = new FloorContender(floorWiring.client(), TABLE)) {
				singletable.setUp(fixture);
				floor.setUp(fixture);
				// the prunes after the answers run before them, as in the benchmark's runs against recorded
				// answers, which are replayed in sequence
				TransactionRequestIntegrationTests.settle(floor);
				BackgroundWork.shared().setInline(true);
				floor.setBlobCleanupsInline(true);
				try {
					assertReplaysRecordTheTitleOnly(singletable, singletableWiring);
					assertReplaysRecordTheTitleOnly(floor, floorWiring);
				}
				finally {
					BackgroundWork.shared().setInline(false);
					floor.setBlobCleanupsInline(false);
				}
			}
		}
	}

	private static void assertReplaysRecordTheTitleOnly(Contender contender, SdkWiring wiring) {
		contender.freezeWrites(true);
		wiring.http().record();
		contender.updateAudited();
		List<Recorded> script = wiring.http().stopRecording();
		wiring.http().replay(script);
		wiring.requests().reset();
		for (int i = 0; i < REPLAYS; i++) {
			contender.updateAudited();
		}
		wiring.http().pass();
		contender.freezeWrites(false);
		List<TransactWriteItemsRequest> sent = wiring.requests().sent(TransactWriteItemsRequest.class);
		assertThat(sent).as(contender.name()).hasSize(REPLAYS);
		for (TransactWriteItemsRequest request : sent) {
			assertThat(changedFields(request).keySet()).as(contender.name()).containsExactly("title");
		}
		// the stored article was the first's recorded write: the next round of the pool updates it at its version
		for (int i = 0; i < 3; i++) {
			assertThat(contender.updateAudited()).isEqualTo(1);
		}
	}

	/** The changed fields of the audit row the transaction writes. */
	private static Map<String, AttributeValue> changedFields(TransactWriteItemsRequest request) {
		List<Map<String, AttributeValue>> rows = request.transactItems()
			.stream()
			.map(TransactWriteItem::put)
			.flatMap((put) -> (put != null) ? Stream.of(put.item()) : Stream.empty())
			.filter((item) -> item.get("pk").s().startsWith("_INTERNAL#AuditLog#"))
			.toList();
		assertThat(rows).hasSize(1);
		return rows.get(0).get("changed_fields").m();
	}

}
