package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.singletable.benchmarks.model.ArticleDocument;
import dev.singletable.benchmarks.model.Documents;

/**
 * What the contenders store before measuring: how many articles to read, to update and events to stream, the
 * documents they write, and the ids of the articles and events singletable stored (the floor reads those very
 * items, so that its reads do exactly the same DynamoDB work).
 */
public final class Fixture {

	/** Page size of the list, query and batch operations. */
	public static final int PAGE = 100;

	private static final int DOCUMENTS = 16;

	private final int articles;

	private final int pool;

	private final int events;

	private final int latencyBatch;

	private final List<ArticleDocument> documents = new ArrayList<>();

	private List<String> articleIds = List.of();

	private String counterEventId = "";

	/**
	 * Creates a fixture.
	 * @param articles published articles to read, at least {@link #PAGE}
	 * @param pool articles each update operation cycles through
	 * @param events events to stream
	 */
	public Fixture(int articles, int pool, int events) {
		this(articles, pool, events, PAGE);
	}

	/**
	 * Creates a fixture.
	 * @param articles published articles to read, at least {@link #PAGE} and at least {@code latencyBatch}
	 * @param pool articles each update operation cycles through
	 * @param events events to stream
	 * @param latencyBatch articles read by one batch get of the latency rows
	 */
	public Fixture(int articles, int pool, int events, int latencyBatch) {
		if (articles < Math.max(PAGE, latencyBatch)) {
			throw new IllegalArgumentException("At least " + Math.max(PAGE, latencyBatch) + " articles are needed, got "
					+ articles);
		}
		this.latencyBatch = latencyBatch;
		this.articles = articles;
		this.pool = pool;
		this.events = events;
		for (int i = 0; i < DOCUMENTS; i++) {
			this.documents.add(Documents.article(i));
		}
	}

	/**
	 * Returns how many published articles each contender stores for reading.
	 * @return the count
	 */
	public int articles() {
		return this.articles;
	}

	/**
	 * Returns how many articles each update operation cycles through.
	 * @return the count
	 */
	public int pool() {
		return this.pool;
	}

	/**
	 * Returns how many events each contender stores for streaming.
	 * @return the count
	 */
	public int events() {
		return this.events;
	}

	/**
	 * Returns how many articles one batch get of the latency rows reads.
	 * @return the count
	 */
	public int latencyBatch() {
		return this.latencyBatch;
	}

	/**
	 * Returns one of the pre-generated documents, so that generating text costs nothing while measuring.
	 * @param index any number
	 * @return the document of that number modulo their count
	 */
	public ArticleDocument document(long index) {
		return this.documents.get((int) Math.floorMod(index, (long) this.documents.size()));
	}

	/**
	 * Returns the ids of the published articles singletable stored.
	 * @return the ids, in creation order
	 */
	public List<String> articleIds() {
		return this.articleIds;
	}

	/**
	 * Records the ids of the published articles singletable stored.
	 * @param ids the ids
	 */
	public void articleIds(List<String> ids) {
		this.articleIds = List.copyOf(ids);
	}

	/**
	 * Returns the id of the event whose {@code sequence} the transactions of singletable and the floor increment.
	 * @return the id, empty before singletable's set-up
	 */
	public String counterEventId() {
		return this.counterEventId;
	}

	/**
	 * Records the id of the event singletable stored as the transactions' counter.
	 * @param id the id
	 */
	public void counterEventId(String id) {
		this.counterEventId = id;
	}

}
