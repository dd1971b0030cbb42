package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.TransactionWriter;
import dev.singletable.core.internal.layout.Expiry;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Reads the latest items of several resources as one consistent snapshot with {@code TransactGetItems} (at most 100,
 * refused before sending beyond), retrying reads cancelled by a conflicting transaction with backoff, as the
 * {@link TransactionWriter} does for writes. Expired items are hidden, as by {@code findById}.
 */
public final class TransactionReader {

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	public TransactionReader(DynamoDbExecutor executor, SingleTableConverter converter) {
		this.executor = executor;
		this.converter = converter;
	}

	public SingleTableSnapshot read(Consumer<SingleTableReadTransaction> work, Instant now) {
		Map<String, Read> reads = new LinkedHashMap<>();
		work.accept((type, id) -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			String checked = ResourceIds.check(type, id);
			reads.putIfAbsent(name(metadata.getType(), checked), new Read(metadata, checked));
		});
		if (reads.size() > UnitWriter.MAX_ITEMS) {
			throw new InvalidDataAccessApiUsageException("A transactional read holds at most " + UnitWriter.MAX_ITEMS
					+ " items; this one names " + reads.size() + " resources. Split it into several reads. Nothing was sent.");
		}
		Map<String, Object> found = new HashMap<>();
		if (!reads.isEmpty()) {
			List<Read> ordered = new ArrayList<>(reads.values());
			List<ItemResponse> responses = send(ordered);
			for (int i = 0; i < ordered.size(); i++) {
				Read read = ordered.get(i);
				Map<String, AttributeValue> item = responses.get(i).item();
				if (item != null && !item.isEmpty() && !Expiry.isExpired(read.metadata(), item, now)) {
					found.put(name(read.metadata().getType(), read.id()), this.converter.read(read.metadata().getType(), item));
				}
			}
		}
		return new Snapshot(reads.keySet(), found);
	}

	private List<ItemResponse> send(List<Read> reads) {
		List<TransactGetItem> gets = new ArrayList<>(reads.size());
		for (Read read : reads) {
			gets.add(TransactGetItem.builder()
				.get(Get.builder()
					.tableName(this.executor.getTableName())
					.key(ItemLayout.latestKey(read.metadata(), read.id()))
					.build())
				.build());
		}
		TransactGetItemsRequest request = TransactGetItemsRequest.builder().transactItems(gets).build();
		for (int attempt = 1;; attempt++) {
			try {
				TransactGetItemsResponse response = this.executor
					.executeConditional((client) -> client.transactGetItems(request));
				return response.responses();
			}
			catch (TransactionCanceledException ex) {
				if (!TransactionWriter.isTransient(ex) || attempt >= TransactionWriter.MAX_ATTEMPTS) {
					throw this.executor.translate(ex);
				}
				this.executor.backoff(attempt, TransactionWriter.transientReason(ex));
			}
		}
	}

	private static String name(Class<?> type, String id) {
		return type.getName() + "#" + id;
	}

	private record Read(SingleTablePersistentEntity<?> metadata, String id) {
	}

	/**
	 * The resources read, by type and id.
	 */
	private record Snapshot(java.util.Set<String> named, Map<String, Object> found) implements SingleTableSnapshot {

		@Override
		public <T> Optional<T> get(Class<T> type, String id) {
			String name = name(type, id);
			if (!this.named.contains(name)) {
				throw new IllegalArgumentException(type.getSimpleName() + " '" + id
						+ "' was not read in this transaction; add r.get(" + type.getSimpleName() + ".class, id) to it");
			}
			return Optional.ofNullable(type.cast(this.found.get(name)));
		}

	}

}
