package dev.singletable.benchmarks.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.singletable.benchmarks.SdkWiring;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.core.SingleTableTemplate;

/**
 * The blocking API: {@link SingleTableTemplate} on the harness's blocking client ({@link SdkWiring}: the
 * {@code url-connection-client} behind a {@code DelayedHttpClient}, whose round trip holds the calling thread as
 * a socket read would, sleeping without spinning), every lane a loop on a thread of a fixed pool.
 */
final class BlockingLanes implements ApiLanes {

	private final SdkWiring wiring;

	private final SingleTableTemplate template;

	private final ExecutorService pool;

	private final List<VersionedArticle> articles = new ArrayList<>();

	private final List<String> ids = new ArrayList<>();

	BlockingLanes(ReactiveSettings settings, String table) {
		this.wiring = SdkWiring.create();
		// the round trip only sleeps, as the asynchronous APIs' timers wait: spinning off a sleep's overshoot would
		// count as the blocking API's CPU
		this.wiring.network().spin(false);
		this.template = new SingleTableTemplate(this.wiring.client(), table);
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(settings.blockingThreads(), (task) -> {
			Thread thread = new Thread(task, Api.BLOCKING.threadPrefix() + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public Api api() {
		return Api.BLOCKING;
	}

	@Override
	public void setUp(int lanes) {
		for (int lane = 0; lane < lanes; lane++) {
			VersionedArticle article = this.template.create(VersionedArticle.of(Documents.article(7000 + lane)));
			for (int version = 1; version < VersionedArticle.MAX_VERSIONS; version++) {
				article = this.template.update(article.withTitle("Set-up " + version));
			}
			this.articles.add(article);
			this.ids.add(article.id());
		}
	}

	@Override
	public long run(ConcurrentOperation operation, long deadlineNanos) {
		List<Future<Long>> lanes = new ArrayList<>();
		for (int lane = 0; lane < this.articles.size(); lane++) {
			int index = lane;
			lanes.add(this.pool.submit(() -> loop(operation, index, deadlineNanos)));
		}
		long done = 0;
		for (Future<Long> lane : lanes) {
			try {
				done += lane.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("A lane of the blocking API failed", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while the blocking API ran", ex);
			}
		}
		return done;
	}

	private long loop(ConcurrentOperation operation, int lane, long deadlineNanos) {
		long done = 0;
		do {
			done++;
			switch (operation) {
				case UPDATE -> this.articles.set(lane,
						this.template.update(this.articles.get(lane).withTitle("Revision " + done)));
				case GET -> {
					String id = this.ids.get((int) ((lane + done) % this.ids.size()));
					if (this.template.findById(VersionedArticle.class, id).isEmpty()) {
						throw new IllegalStateException("The blocking API did not find " + id);
					}
				}
			}
		}
		while (System.nanoTime() < deadlineNanos);
		return done;
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
		this.pool.shutdownNow();
		try {
			this.pool.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.wiring.close();
	}

}
