package dev.singletable.benchmarks.backfill;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import dev.singletable.benchmarks.model.Documents;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.StoredItemSizes;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The stored tickets the backfill re-indexes: ticket {@code i} is always the same resource (id, owner, status,
 * text and timestamps follow from {@code i}), written as singletable writes a {@link TicketBefore} created once —
 * its latest copy {@code v0} and its history {@code v1}, built by singletable's own {@link ItemLayout} — through
 * {@code BatchWriteItem} on several threads, so that 100k tickets take seconds. Nothing is kept in memory: every
 * item is built again when it is needed, so the fixture adds nothing to the heap a backfill is measured with.
 * <p>
 * {@link #reset(int, Collection)} makes a re-indexed table what it was before: it writes every {@code v0} again
 * (without {@code gsi2pk}) and deletes the items of the backfill runs, so that each round does the whole work.
 */
public final class TicketFixture {

	/** The partition prefix of a backfill run's header and segment items. */
	static final String RUN_PARTITION = "_INTERNAL#Backfill#";

	private static final int BATCH = 25;

	private static final int WRITERS = 4;

	private static final Instant CREATED = Instant.parse("2026-01-05T09:30:00.123456Z");

	private static final String[] STATUSES = { "open", "waiting", "closed" };

	private static final int OWNERS = 500;

	private final DynamoDbClient client;

	private final String table;

	private final SingleTableConverter converter;

	private final SingleTablePersistentEntity<?> metadata;

	private final ItemLayout layout;

	private final List<String> descriptions = new ArrayList<>();

	/**
	 * Creates the fixture of a table.
	 * @param client a client without delay, used only to write and check the fixture
	 * @param table the table, which must exist
	 */
	public TicketFixture(DynamoDbClient client, String table) {
		this.client = client;
		this.table = table;
		this.converter = new SingleTableTemplate(client, table).getConverter();
		this.metadata = this.converter.getRequiredEntity(TicketBefore.class);
		this.layout = new ItemLayout(this.converter);
		for (int i = 0; i < 16; i++) {
			this.descriptions.add(Documents.article(500 + i, 1, 0).sections().get(0).paragraphs().get(0));
		}
	}

	/**
	 * Returns the table.
	 * @return the table name
	 */
	public String table() {
		return this.table;
	}

	/**
	 * Writes tickets {@code from} to {@code to - 1}: their latest copy and their history.
	 * @param from the first ticket
	 * @param to the ticket after the last
	 */
	public void write(int from, int to) {
		batches(from, to, (i) -> {
			Map<String, AttributeValue> latest = latest(i);
			return List.of(latest, this.layout.history(this.metadata, id(i), Map.of("data", latest.get("data")), 1,
					latest));
		});
	}

	/**
	 * Makes the first {@code tickets} tickets what they were before any backfill: every latest copy written again
	 * as first stored, and the header and segment items of the given backfill runs deleted.
	 * @param tickets how many tickets the table holds
	 * @param runIds the runs whose items to delete
	 */
	public void reset(int tickets, Collection<String> runIds) {
		batches(0, tickets, (i) -> List.of(latest(i)));
		for (String runId : runIds) {
			deleteRun(runId);
		}
	}

	/**
	 * Counts the tickets, from the first, whose latest copy a backfill re-indexed exactly as {@link Ticket}'s
	 * definitions give: {@code gsi2pk} is {@code owner#<owner>}, every other attribute (data, version, type index,
	 * {@code gsi1pk}) as first stored. Reads the whole table.
	 * @param tickets how many tickets the table holds
	 * @return the tickets re-indexed exactly; {@code tickets} when the backfill did all its work and no more
	 */
	public long reindexed(int tickets) {
		long exact = 0;
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> from = start;
			ScanResponse page = this.client.scan((request) -> request.tableName(this.table)
				.filterExpression("#sk = :latest")
				.expressionAttributeNames(Map.of("#sk", "sk"))
				.expressionAttributeValues(Map.of(":latest", AttributeValue.fromS("v0")))
				.exclusiveStartKey(from));
			for (Map<String, AttributeValue> item : page.items()) {
				String pk = item.get("pk").s();
				int i = Integer.parseInt(pk.substring(pk.lastIndexOf('-') + 1));
				if (i < tickets && item.equals(expected(i))) {
					exact++;
				}
			}
			start = (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		return exact;
	}

	/**
	 * Returns the size of a ticket's latest copy as DynamoDB counts it, as first stored.
	 * @return the mean of the first 16 tickets, in bytes
	 */
	public double latestBytes() {
		double bytes = 0;
		for (int i = 0; i < 16; i++) {
			bytes += StoredItemSizes.of(latest(i));
		}
		return bytes / 16;
	}

	/** The latest copy of ticket {@code i} once re-indexed for {@link Ticket}. */
	Map<String, AttributeValue> expected(int i) {
		Map<String, AttributeValue> item = new java.util.LinkedHashMap<>(latest(i));
		item.put("gsi2pk", AttributeValue.fromS("owner#" + owner(i)));
		return item;
	}

	/** The latest copy of ticket {@code i} as singletable stored it under {@link TicketBefore}. */
	Map<String, AttributeValue> latest(int i) {
		TicketBefore ticket = ticket(i);
		Map<String, AttributeValue> body = this.converter.writeBody(ticket, ticket.createdAt(), ticket.updatedAt());
		return this.layout.latest(this.metadata, id(i), ticket, body, 1, ticket.updatedAt(), ticket.createdAt());
	}

	/** Ticket {@code i}, as created (version 1). */
	TicketBefore ticket(int i) {
		Instant created = CREATED.plusMillis(i * 7L);
		return new TicketBefore(id(i), 1L, created, created, "Ticket " + i, owner(i), STATUSES[i % STATUSES.length],
				this.descriptions.get(i % this.descriptions.size()));
	}

	static String id(int i) {
		return String.format(java.util.Locale.ROOT, "ticket-%07d", i);
	}

	static String owner(int i) {
		return "user" + (i % OWNERS);
	}

	private void deleteRun(String runId) {
		String pk = RUN_PARTITION + runId;
		QueryResponse items = this.client.query((request) -> request.tableName(this.table)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
			.projectionExpression("pk, sk")
			.consistentRead(true));
		List<WriteRequest> deletes = new ArrayList<>();
		for (Map<String, AttributeValue> key : items.items()) {
			deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
		}
		for (int from = 0; from < deletes.size(); from += BATCH) {
			send(deletes.subList(from, Math.min(deletes.size(), from + BATCH)));
		}
	}

	/** Puts the items of tickets {@code from} to {@code to - 1}, in batches of 25, on several threads. */
	private void batches(int from, int to, IntFunction<List<Map<String, AttributeValue>>> items) {
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int writer = 0; writer < WRITERS; writer++) {
				int first = from + writer;
				done.add(writers.submit(() -> {
					List<WriteRequest> batch = new ArrayList<>(BATCH);
					for (int i = first; i < to; i += WRITERS) {
						for (Map<String, AttributeValue> item : items.apply(i)) {
							batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
							if (batch.size() == BATCH) {
								send(batch);
								batch.clear();
							}
						}
					}
					if (!batch.isEmpty()) {
						send(batch);
					}
				}));
			}
			for (Future<?> writer : done) {
				writer.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while writing the tickets", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not write the tickets", ex.getCause());
		}
		finally {
			writers.shutdownNow();
		}
	}

	private void send(List<WriteRequest> batch) {
		List<WriteRequest> pending = List.copyOf(batch);
		while (!pending.isEmpty()) {
			List<WriteRequest> sent = pending;
			pending = this.client.batchWriteItem((request) -> request.requestItems(Map.of(this.table, sent)))
				.unprocessedItems()
				.getOrDefault(this.table, List.of());
		}
	}

}
