package dev.singletable.benchmarks.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive API: {@link ReactiveSingleTableTemplate} on the {@link AsyncWiring asynchronous client}, every lane
 * a chain of {@link Mono}s resubscribed while the deadline is ahead, all lanes merged with a concurrency of their
 * number. After the first operation of each lane, every operation is planned, sent and mapped on the event-loop
 * thread that completed the one before.
 */
final class ReactiveLanes implements ApiLanes {

	private final AsyncWiring wiring;

	private final ReactiveSingleTableTemplate template;

	private final List<VersionedArticle> articles = new ArrayList<>();

	private final List<String> ids = new ArrayList<>();

	private AtomicLongArray sequence = new AtomicLongArray(0);

	ReactiveLanes(ReactiveSettings settings, String table) {
		this.wiring = AsyncWiring.create(Api.REACTIVE, settings.loopThreads(), 2 * settings.lanes());
		this.template = new ReactiveSingleTableTemplate(this.wiring.client(), table);
	}

	@Override
	public Api api() {
		return Api.REACTIVE;
	}

	@Override
	public void setUp(int lanes) {
		for (int lane = 0; lane < lanes; lane++) {
			VersionedArticle article = this.template.create(VersionedArticle.of(Documents.article(6000 + lane)))
				.toFuture()
				.join();
			for (int version = 1; version < VersionedArticle.MAX_VERSIONS; version++) {
				article = this.template.update(article.withTitle("Set-up " + version)).toFuture().join();
			}
			this.articles.add(article);
			this.ids.add(article.id());
		}
		this.sequence = new AtomicLongArray(lanes);
	}

	@Override
	public long run(ConcurrentOperation operation, long deadlineNanos) {
		AtomicLong done = new AtomicLong();
		int lanes = this.articles.size();
		// each lane completes empty: nothing crosses the merge but the lanes' completions
		Flux.range(0, lanes)
			.flatMap((lane) -> Mono.defer(() -> once(operation, lane))
				.doOnNext((ignored) -> done.incrementAndGet())
				.repeat(() -> System.nanoTime() < deadlineNanos)
				.then(), lanes)
			.then()
			.toFuture()
			.join();
		return done.get();
	}

	private Mono<?> once(ConcurrentOperation operation, int lane) {
		long next = this.sequence.incrementAndGet(lane);
		return switch (operation) {
			case UPDATE -> this.template.update(this.articles.get(lane).withTitle("Revision " + next))
				.doOnNext((updated) -> this.articles.set(lane, updated));
			case GET -> {
				String id = this.ids.get((int) ((lane + next) % this.ids.size()));
				yield this.template.findById(VersionedArticle.class, id)
					.switchIfEmpty(Mono.error(() -> new IllegalStateException("The reactive API did not find " + id)));
			}
		};
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
