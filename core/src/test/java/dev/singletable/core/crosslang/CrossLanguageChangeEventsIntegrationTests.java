package dev.singletable.core.crosslang;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.crosslang.JavaTwins.CrossAudited;
import dev.singletable.core.crosslang.JavaTwins.CrossDoc;
import dev.singletable.core.crosslang.JavaTwins.CrossLedger;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChange.Type;
import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes the real Python library makes to a table shared with Java arrive as typed Java change events (issue 34,
 * item 2): events come from the table, not from the writer, and the changes of an audited type say who made them. Skipped with a reason when Python or the library is
 * missing (see {@link PythonLibrary}).
 */
class CrossLanguageChangeEventsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	@Test
	void aPythonWritersChangesArriveAsTypedJavaEventsCompressedOrNot() throws Exception {
		// the table Python created gets its stream, as the schema initializer enables it when change events are used
		assertThat(SingleTableSchema.standard(SharedTable.TABLE).withChangeStream()
			.createMissingIndexes(dynamo.rawClient())).contains("stream");
		SingleTableTemplate template = new SharedTable(dynamo).template();
		List<ResourceChange<CrossDoc>> docs = new CopyOnWriteArrayList<>();
		List<ResourceChange<CrossLedger>> ledgers = new CopyOnWriteArrayList<>();
		List<ResourceChange<CrossAudited>> audited = new CopyOnWriteArrayList<>();
		try (DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient();
				DynamoDbAsyncClient leases = DynamoDbLocal.newAsyncClient()) {
			SingleTableChangeStream changes = new SingleTableChangeStream(template, streams, leases);
			changes.setLeaseTableName("crosslang-changes-" + System.nanoTime());
			changes.setFailoverTime(Duration.ofSeconds(5));
			changes.setPollInterval(Duration.ofMillis(100));
			String doc = python.create("CrossDoc", Map.of("title", "from python", "owner", "ann")).id();
			python.update("CrossDoc", doc, Map.of("title", "edited in python"));
			python.deleteAllVersions("CrossDoc", doc);
			String ledger = python.create("CrossLedger", Map.of("title", "uncompressed")).id();
			String priced = python.call("audited_create", Map.of("type", "CrossAudited", "by", "alice", "data",
					Map.of("title", "a", "price", 1.5))).path("fields").path("resource_id").asString();
			python.call("audited_update", Map.of("type", "CrossAudited", "id", priced, "by", "bob", "data",
					Map.of("title", "b", "price", 2.5)));
			changes.addListener(CrossAudited.class, (change) -> {
				if (change.id().equals(priced)) {
					audited.add(change);
				}
			});
			changes.addListener(CrossDoc.class, (change) -> {
				if (change.id().equals(doc)) {
					docs.add(change);
				}
			});
			changes.addListener(CrossLedger.class, (change) -> {
				if (change.id().equals(ledger)) {
					ledgers.add(change);
				}
			});
			changes.start();
			try {
				long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
				while ((docs.size() < 3 || ledgers.isEmpty() || audited.size() < 2) && System.nanoTime() < deadline) {
					Thread.sleep(50);
				}
			}
			finally {
				changes.stop();
			}
		}

		assertThat(docs).extracting(ResourceChange::type).containsExactly(Type.CREATED, Type.UPDATED, Type.DELETED);
		assertThat(docs).extracting(ResourceChange::version).containsExactly(1L, 2L, 2L);
		assertThat(docs.get(0).newState().title()).isEqualTo("from python");
		assertThat(docs.get(0).newState().owner()).isEqualTo("ann");
		assertThat(docs.get(1).oldState().title()).isEqualTo("from python");
		assertThat(docs.get(1).newState().title()).isEqualTo("edited in python");
		assertThat(docs.get(2).oldState().title()).isEqualTo("edited in python");
		assertThat(docs.get(2).newState()).isNull();
		assertThat(ledgers).singleElement().satisfies((change) -> {
			assertThat(change.type()).isEqualTo(Type.CREATED);
			assertThat(change.newState().title()).isEqualTo("uncompressed");
		});
		// the changes of an audited type carry the rows Python wrote just after them: who made them
		assertThat(audited).extracting(ResourceChange::type).containsExactly(Type.CREATED, Type.UPDATED);
		assertThat(audited).extracting(ResourceChange::changedBy).containsExactly("alice", "bob");
		assertThat(audited.get(1).auditEntry().changedFields()).containsKeys("title", "price");
		assertThat(audited.get(1).newState().price()).isEqualTo(2.5);
	}

}
