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
	 * Writes the next version of one article of an audited type, as {@link #updateVersioned()}, with its audit row
	 * (the changed fields, from a strongly consistent read of the latest item) in the same transaction. The peer,
	 * having no audit log, does its versioned put.
	 * @return 1
	 */
	int updateAudited();

	/**
	 * Writes the next version of one article whose ~50 KB attachment (a {@code @BlobField}) changes with every
	 * write: the attachment to S3 first, then the items, keeping history and pruning as {@link #updateVersioned()},
	 * then the object of the pruned version. The peer, having no history, puts the object under one key per
	 * article and does its versioned put.
	 * @return 1
	 */
	int updateBlob();

	/**
	 * As {@link #updateBlob()}, but the article carries the attachment its version already has (the same bytes):
	 * singletable and the floor find it stored and refer to it instead of uploading it again, and nothing is left
	 * to delete. The peer, knowing it unchanged, does only its versioned put.
	 * @return 1
	 */
	int updateBlobUnchanged();

	/**
	 * Updates one plain article with an optimistic lock on its version.
	 * @return 1
	 */
	int updatePlain();

	/**
	 * Sends one all-or-nothing transaction of three writes: the next version of a pooled versioned article (with
	 * its pruning, as {@link #updateVersioned()}), an optimistic update of a pooled plain article (as
	 * {@link #updatePlain()}) and an increment of a counter by 1, with a client request token.
	 * @return 1
	 */
	int transaction();

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
	 * Reads {@link Fixture#latencyBatch()} articles by id, more than one batch request holds (the latency rows).
	 * @return the number of articles read
	 */
	int batchGetMany();

	/**
	 * Reads consecutive pages of 100 articles of the type index, each continuing where the previous one ended.
	 * @param pages how many pages
	 * @return the number of articles read
	 */
	int listPages(int pages);

	/**
	 * Returns where a versioned article's items live, so that a history can be stored there for
	 * {@link #deleteHistory(String)} without this contender's help.
	 * @param id the id of the article
	 * @return the table and the partition key
	 */
	HistoryLocation history(String id);

	/**
	 * Deletes an article with every version it keeps, as the contender would when it does not know how many
	 * there are: reading the keys, then deleting them.
	 * @param id the id, whose history was stored at {@link #history(String)}
	 * @return the number of items deleted, or 1 when the contender cannot tell
	 */
	int deleteHistory(String id);

	/**
	 * Makes the writes that read what they update (blob writes, audited updates) update one article again and
	 * again without keeping what they return, so that each sends the requests of the first (keys and versions
	 * included): for the runs against canned responses, where a read by key must find the item it asks for in the
	 * recorded answer (else an audited update would compare two different articles). Off by default.
	 * @param frozen whether these writes are frozen
	 */
	default void freezeWrites(boolean frozen) {
	}

	/**
	 * Restarts the sequence of documents, titles and pooled articles the operations use, so that contenders
	 * rewound together write the same content (the accounting of capacity compares like with like).
	 */
	void rewind();

	@Override
	default void close() {
	}

	/**
	 * Where the items of one versioned article live.
	 *
	 * @param table the table
	 * @param partitionKey the value of {@code pk}
	 */
	record HistoryLocation(String table, String partitionKey) {

	}

}
