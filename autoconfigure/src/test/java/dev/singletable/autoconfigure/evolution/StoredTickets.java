package dev.singletable.autoconfigure.evolution;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.singletable.autoconfigure.evolution.before.Note;
import dev.singletable.autoconfigure.evolution.before.Ticket;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The data of the table evolution test, written under the first definitions: versioned tickets with history and
 * plain notes. A few go through the template's writes; the many are built by the same {@link ItemLayout} the
 * template writes with and sent as {@code BatchWriteItem}s side by side, so ten thousand resources take seconds.
 * Also reads the table back, whole, to compare states.
 */
final class StoredTickets {

	private static final int THREADS = 8;

	private StoredTickets() {
	}

	/**
	 * Writes tickets (the first {@code edited} of them with two versions, every 50th with three written through
	 * the template) and plain notes, owners and authors spread over {@code owners} values.
	 */
	static void write(SingleTableTemplate template, DynamoDbClient client, int tickets, int edited, int notes,
			int owners) throws Exception {
		ItemLayout layout = new ItemLayout(template.getConverter());
		SingleTablePersistentEntity<Ticket> ticketType = template.getConverter().getRequiredEntity(Ticket.class);
		SingleTablePersistentEntity<Note> noteType = template.getConverter().getRequiredEntity(Note.class);
		// creation times one second apart, so the type index's sort key spreads evenly over the segments
		Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(tickets + notes + 60);
		List<List<Map<String, AttributeValue>>> perThread = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			perThread.add(new ArrayList<>());
		}
		for (int i = 0; i < tickets; i++) {
			String owner = "owner-" + (i % owners);
			if (i % 50 == 0) {
				Ticket created = template.create(new Ticket(null, null, null, null, owner, "ticket " + i, 0));
				template.update(template.update(created.edited()).edited());
				continue;
			}
			String id = ResourceIds.generate();
			Instant createdAt = base.plusSeconds(i);
			int versions = (i < edited) ? 2 : 1;
			List<Map<String, AttributeValue>> items = perThread.get(i % THREADS);
			Map<String, AttributeValue> latest = null;
			for (int version = 1; version <= versions; version++) {
				Instant updatedAt = createdAt.plusSeconds(version - 1);
				Ticket ticket = new Ticket(id, (long) version, createdAt, updatedAt, owner,
						"ticket " + i + "'".repeat(version - 1), version - 1);
				Map<String, AttributeValue> body = layout.body(ticket, createdAt, null, updatedAt);
				latest = layout.latest(ticketType, id, ticket, body, version, updatedAt, createdAt);
				items.add(layout.history(ticketType, id, body, version, latest));
			}
			items.add(latest);
		}
		for (int i = 0; i < notes; i++) {
			String id = ResourceIds.generate();
			Instant at = base.plusSeconds(i);
			Note note = new Note(id, at, at, "author-" + (i % owners), "note " + i);
			Map<String, AttributeValue> body = layout.body(note, at, null, at);
			perThread.get(i % THREADS).add(layout.latest(noteType, id, note, body, 0, at, at));
		}
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> sent = new ArrayList<>();
			for (List<Map<String, AttributeValue>> items : perThread) {
				sent.add(pool.submit(() -> putAll(client, template.getTableName(), items)));
			}
			for (Future<?> future : sent) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void putAll(DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
		for (int from = 0; from < items.size(); from += 25) {
			List<WriteRequest> batch = items.subList(from, Math.min(from + 25, items.size()))
				.stream()
				.map((item) -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
				.toList();
			Map<String, List<WriteRequest>> pending = Map.of(table, batch);
			while (!pending.isEmpty()) {
				Map<String, List<WriteRequest>> request = pending;
				BatchWriteItemResponse response = client.batchWriteItem((builder) -> builder.requestItems(request));
				pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
			}
		}
	}

	/**
	 * Reads every item of the table, by {@code pk} and {@code sk}, with a parallel scan.
	 */
	static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient client, String table) throws Exception {
		Map<String, Map<String, AttributeValue>> all = new HashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Map<String, Map<String, AttributeValue>>>> segments = new ArrayList<>();
			for (int segment = 0; segment < 4; segment++) {
				int number = segment;
				segments.add(pool.submit(() -> {
					Map<String, Map<String, AttributeValue>> items = new HashMap<>();
					client.scanPaginator(ScanRequest.builder()
						.tableName(table)
						.segment(number)
						.totalSegments(4)
						.consistentRead(true)
						.build()).items().forEach((item) -> items.put(key(item), item));
					return items;
				}));
			}
			for (Future<Map<String, Map<String, AttributeValue>>> segment : segments) {
				all.putAll(segment.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			pool.shutdownNow();
		}
		return all;
	}

	static String key(Map<String, AttributeValue> item) {
		return item.get("pk").s() + "|" + item.get("sk").s();
	}

}
