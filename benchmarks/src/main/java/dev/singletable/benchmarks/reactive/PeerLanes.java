package dev.singletable.benchmarks.reactive;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.peer.PeerArticle;
import dev.singletable.benchmarks.peer.PeerContender;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.VersionedRecordExtension;

/**
 * The peer: the SDK's {@link DynamoDbEnhancedAsyncClient} with its version extension on the same
 * {@link AsyncWiring asynchronous client} as the reactive API, the {@link PeerArticle} bean of the other sections
 * (one uncompressed item, no history: its versioned update is its versioned put), every lane a chain of
 * {@link CompletableFuture}s, the next operation started when the one before completes.
 */
final class PeerLanes implements ApiLanes {

	private final AsyncWiring wiring;

	private final DynamoDbAsyncTable<PeerArticle> articles;

	private final List<PeerArticle> beans = new ArrayList<>();

	private final List<Key> keys = new ArrayList<>();

	private final AtomicLong sequence = new AtomicLong();

	PeerLanes(ReactiveSettings settings, String table) {
		this.wiring = AsyncWiring.create(Api.PEER, settings.loopThreads(), 2 * settings.lanes());
		DynamoDbEnhancedAsyncClient enhanced = DynamoDbEnhancedAsyncClient.builder()
			.dynamoDbClient(this.wiring.client())
			.extensions(VersionedRecordExtension.builder().build())
			.build();
		this.articles = enhanced.table(table, TableSchema.fromBean(PeerArticle.class));
	}

	@Override
	public Api api() {
		return Api.PEER;
	}

	@Override
	public void setUp(int lanes) {
		for (int lane = 0; lane < lanes; lane++) {
			PeerArticle article = PeerContender.bean(Documents.article(8000 + lane));
			this.articles.putItem(article).join();
			Key key = Key.builder().partitionValue(article.getPk()).sortValue(article.getSk()).build();
			for (int version = 1; version < 5; version++) {
				PeerArticle stored = this.articles.getItem(key).join();
				revise(stored, "Set-up " + version);
				this.articles.putItem(stored).join();
			}
			this.beans.add(this.articles.getItem(key).join());
			this.keys.add(key);
		}
	}

	@Override
	public long run(ConcurrentOperation operation, long deadlineNanos) {
		AtomicLong done = new AtomicLong();
		List<CompletableFuture<Void>> lanes = new ArrayList<>();
		for (int lane = 0; lane < this.beans.size(); lane++) {
			CompletableFuture<Void> finished = new CompletableFuture<>();
			next(operation, lane, deadlineNanos, done, finished);
			lanes.add(finished);
		}
		CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
		return done.get();
	}

	/** Starts the lane's next operation; its completion starts the one after, until the deadline. */
	private void next(ConcurrentOperation operation, int lane, long deadlineNanos, AtomicLong done,
			CompletableFuture<Void> finished) {
		once(operation, lane).whenComplete((ignored, failure) -> {
			if (failure != null) {
				finished.completeExceptionally(failure);
				return;
			}
			done.incrementAndGet();
			if (System.nanoTime() < deadlineNanos) {
				next(operation, lane, deadlineNanos, done, finished);
			}
			else {
				finished.complete(null);
			}
		});
	}

	private CompletableFuture<?> once(ConcurrentOperation operation, int lane) {
		long next = this.sequence.incrementAndGet();
		return switch (operation) {
			case UPDATE -> {
				PeerArticle article = this.beans.get(lane);
				revise(article, "Revision " + next);
				// the extension writes version + 1 (and checks the old one); the bean keeps what it was given
				yield this.articles.putItem(article).thenRun(() -> article.setVersion(article.getVersion() + 1));
			}
			case GET -> {
				Key key = this.keys.get((int) ((lane + next) % this.keys.size()));
				yield this.articles.getItem(key).thenAccept((found) -> {
					if (found == null) {
						throw new IllegalStateException("The peer did not find " + key.partitionKeyValue());
					}
				});
			}
		};
	}

	/** What an application changes before a versioned put, as the other sections' peer does. */
	private static void revise(PeerArticle article, String title) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Instant before = article.getUpdatedAt();
		if (before != null && !now.isAfter(before)) {
			now = before.plus(1, ChronoUnit.MICROS);
		}
		article.setTitle(title);
		article.setUpdatedAt(now);
		article.setGsitypesk(now.toString());
	}

	@Override
	public void delay(Duration delay) {
		this.wiring.network().delay(delay);
	}

	@Override
	public long requests() {
		return this.wiring.requests().total();
	}

	@Override
	public long delayed() {
		return this.wiring.network().delayed();
	}

	@Override
	public void resetRequests() {
		this.wiring.requests().reset();
	}

	@Override
	public void close() {
		this.wiring.close();
	}

}
