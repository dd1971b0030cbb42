package dev.singletable.benchmarks;

import java.util.function.Consumer;

/**
 * One way of doing the benchmarked operations: singletable, the raw SDK floor or the Enhanced Client peer.
 * Each method performs one operation and returns how many results it produced, so that nothing can be optimized
 * away. Implementations keep the state the operations need (ids, the latest version of the entities they
 * update) and are used by one thread at a time.
 */
public interface Contender extends AutoCloseable {

	/**
	 * Returns the short name shown in the tables.
	 * @return the name
	 */
	String name();

	/**
	 * Stores the data the operations read and update.
	 * @param fixture what to store, and the ids singletable stored for a floor that reads the same items
	 */
	void setUp(Fixture fixture);

	/**
	 * Creates one versioned article.
	 * @return 1
	 */
	int create();

	/**
	 * Reads the latest version of one article by id.
	 * @return 1
	 */
	int getLatest();

	/**
	 * Writes the next version of one article, keeping history and pruning the oldest version beyond the
	 * maximum (the peer, having no history, does a versioned put).
	 * @return 1
	 */
	int updateVersioned();

	/**
	 * Updates one plain article with an optimistic lock on its version.
	 * @return 1
	 */
	int updatePlain();

	/**
	 * Reads the first page of 100 articles of the type index.
	 * @return the number of articles read
	 */
	int listPage();

	/**
	 * Reads the first page of 100 published articles through {@code gsi1} (singletable: through a derived
	 * repository query method).
	 * @return the number of articles read
	 */
	int queryPage();

	/**
	 * Reads 100 articles by id in one batch.
	 * @return the number of articles read
	 */
	int batchGet();

	/**
	 * Streams every event of the type index to the sink.
	 * @param sink receives each event
	 * @return the number of events streamed
	 */
	long stream(Consumer<Object> sink);

	/**
	 * Restarts the sequence of documents, titles and pooled articles the operations use, so that contenders
	 * rewound together write the same content (the accounting of capacity compares like with like).
	 */
	void rewind();

	@Override
	default void close() {
	}

}
