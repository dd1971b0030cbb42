package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.internal.plan.TransientRetry;
import dev.singletable.core.internal.write.send.UnitSend;
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
 * refused before sending beyond), retrying reads cancelled by a conflicting transaction with backoff as writes are,
 * by the same {@link TransientRetry}. Expired items are hidden, as by {@code findById}. The read is a plan
 * ({@link #read}) that both templates run with their drivers.
 */
public final class TransactionReader {

	private final String tableName;

	private final SingleTableConverter converter;

	private final @Nullable KnownBlobFacts facts;

	/**
	 * @param tableName the table the items are read from
	 * @param converter the converter the items are read with
	 * @param facts where the blob attributes of the latest items read of versioned types with blob properties are
	 * recorded (the template's {@link KnownBlobFacts}), {@literal null} for nowhere
	 */
	public TransactionReader(String tableName, SingleTableConverter converter, @Nullable KnownBlobFacts facts) {
		this.tableName = tableName;
		this.converter = converter;
		this.facts = facts;
	}

	/**
	 * The plan of a transactional read: the resources {@code work} names (each once), refused beyond 100 before
	 * anything is sent, read in one {@code TransactGetItems}, sent again after a backoff while it is cancelled for a
	 * transient reason.
	 * @param work names the resources
	 * @param now the time expiry is judged at, asked once the items are read
	 * @return the plan, done with the snapshot
	 */
	public Step<SingleTableSnapshot> read(Consumer<SingleTableReadTransaction> work, Supplier<Instant> now) {
		Plan plan = plan(work);
		TransactGetItemsRequest request = plan.request();
		Step<List<ItemResponse>> responses = (request != null) ? send(request) : Step.done(List.of());
		return responses.then((answer) -> Step.done(plan.snapshot(answer, now.get())));
	}

	private Plan plan(Consumer<SingleTableReadTransaction> work) {
		// one get per item: a hierarchy's root and its concrete types name the same item
		Map<String, Read> reads = new LinkedHashMap<>();
		Set<String> named = new java.util.LinkedHashSet<>();
		work.accept((type, id) -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			String checked = ResourceIds.check(type, id);
			named.add(name(metadata.getType(), checked));
			List<SingleTablePersistentEntity<?>> types = reads
				.computeIfAbsent(name(metadata.getRootType(), checked), (key) -> new Read(new ArrayList<>(), checked))
				.types();
			if (!types.contains(metadata)) {
				types.add(metadata);
			}
		});
		if (reads.size() > UnitSend.MAX_ITEMS) {
			throw new InvalidDataAccessApiUsageException("A transactional read holds at most " + UnitSend.MAX_ITEMS
					+ " items; this one names " + reads.size() + " resources. Split it into several reads. Nothing was sent.");
		}
		List<Read> ordered = new ArrayList<>(reads.values());
		List<TransactGetItem> gets = new ArrayList<>(ordered.size());
		for (Read read : ordered) {
			gets.add(TransactGetItem.builder()
				.get(Get.builder()
					.tableName(this.tableName)
					.key(ItemLayout.latestKey(read.types().get(0), read.id()))
					.build())
				.build());
		}
		TransactGetItemsRequest request = ordered.isEmpty() ? null
				: TransactGetItemsRequest.builder().transactItems(gets).build();
		return new Plan(request, ordered, named);
	}

	/**
	 * Sends the read, again after a backoff while it is cancelled for a transient reason ({@link TransientRetry});
	 * a cancellation it ends with is translated.
	 */
	private Step<List<ItemResponse>> send(TransactGetItemsRequest request) {
		return TransientRetry.send(new Request.Conditional(request), (answer) -> {
			if (answer.failure() instanceof TransactionCanceledException ex) {
				// the translator is made at a failure: loading it verifies every exception it makes, which no
				// start needs
				throw new SingleTableExceptionTranslator(this.tableName).translate(ex, request);
			}
			return Step.done(answer.get(TransactGetItemsResponse.class).responses());
		});
	}

	/**
	 * A transactional read as planned: its request ({@literal null} when it names nothing) and the snapshot its
	 * answer makes.
	 */
	private final class Plan {

		private final @Nullable TransactGetItemsRequest request;

		private final List<Read> reads;

		private final Set<String> named;

		private Plan(@Nullable TransactGetItemsRequest request, List<Read> reads, Set<String> named) {
			this.request = request;
			this.reads = reads;
			this.named = named;
		}

		/**
		 * Returns the request to send, {@literal null} when the read names no resource.
		 */
		public @Nullable TransactGetItemsRequest request() {
			return this.request;
		}

		/**
		 * Returns the snapshot of the answer: each resource read, expired ones (and another concrete type's of a
		 * hierarchy) hidden as by {@code findById}.
		 * @param responses the answer's responses, in the order of the request
		 * @param now the time expiry is judged at
		 */
		public SingleTableSnapshot snapshot(List<ItemResponse> responses, Instant now) {
			Map<String, Object> found = new HashMap<>();
			for (int i = 0; i < this.reads.size(); i++) {
				Read read = this.reads.get(i);
				Map<String, AttributeValue> item = responses.get(i).item();
				for (SingleTablePersistentEntity<?> metadata : read.types()) {
					if (item != null && !item.isEmpty() && !Expiry.isExpired(metadata, item, now)
							&& TransactionReader.this.converter.isInstance(metadata.getType(), item)) {
						KnownBlobFacts facts = TransactionReader.this.facts;
						if (facts != null) {
							facts.recordRead(metadata, item);
						}
						found.put(name(metadata.getType(), read.id()),
								TransactionReader.this.converter.read(metadata.getType(), item));
					}
				}
			}
			return new Snapshot(this.named, found);
		}

	}

	private static String name(Class<?> type, String id) {
		return type.getName() + "#" + id;
	}

	/** The get of one item, and the types it was named as (several for a hierarchy's root and subtypes). */
	private record Read(List<SingleTablePersistentEntity<?>> types, String id) {
	}

	/**
	 * The resources read, by type and id.
	 */
	private record Snapshot(Set<String> named, Map<String, Object> found) implements SingleTableSnapshot {

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
