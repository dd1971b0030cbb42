package dev.singletable.benchmarks;

import java.util.function.Consumer;

/**
 * The benchmarked operations, in the order of the tables.
 */
public enum Operation {

	/** {@link Contender#create()}. */
	CREATE("create", true),

	/** {@link Contender#getLatest()}. */
	GET_LATEST("get latest", false),

	/** {@link Contender#updateVersioned()}. */
	UPDATE_VERSIONED("versioned update", true),

	/** {@link Contender#updateAudited()}. */
	UPDATE_AUDITED("audited versioned update (peer: no audit, its versioned put)", true),

	/** {@link Contender#updateBlob()}. */
	UPDATE_BLOB("blob write: versioned update, ~50 KB attachment in S3 (peer: S3 put + its versioned put)", true),

	/** {@link Contender#updateBlobUnchanged()}. */
	UPDATE_BLOB_UNCHANGED("blob write, attachment unchanged (peer: its versioned put)", true),

	/** {@link Contender#updatePlain()}. */
	UPDATE_PLAIN("plain update", true),

	/** {@link Contender#listPage()}. */
	LIST_PAGE("list page of 100 (type index)", false),

	/** {@link Contender#queryPage()}. */
	QUERY_PAGE("derived query page of 100 (gsi1)", false),

	/** {@link Contender#batchGet()}. */
	BATCH_GET("batch get 100", false),

	/** {@link Contender#stream(Consumer)}. */
	STREAM("stream", false),

	/** {@link Contender#transaction()}. */
	TRANSACTION("transaction: versioned update + plain update + counter", true);

	private static final Consumer<Object> DISCARD = (item) -> {
	};

	private final String label;

	private final boolean write;

	Operation(String label, boolean write) {
		this.label = label;
		this.write = write;
	}

	/**
	 * Returns the label of the tables.
	 * @param streamed how many items the stream operation reads
	 * @return the label
	 */
	public String label(int streamed) {
		return (this == STREAM) ? "stream " + ((streamed % 1000 == 0) ? (streamed / 1000) + "k" : streamed) : this.label;
	}

	/**
	 * Returns whether the operation writes.
	 * @return {@literal true} for creates, updates and the transaction
	 */
	public boolean isWrite() {
		return this.write;
	}

	/**
	 * Returns the operations that write, in declaration order.
	 * @return the creates, updates and the transaction
	 */
	public static java.util.Set<Operation> writes() {
		java.util.Set<Operation> writes = java.util.EnumSet.noneOf(Operation.class);
		for (Operation operation : values()) {
			if (operation.isWrite()) {
				writes.add(operation);
			}
		}
		return writes;
	}

	/**
	 * Runs the operation once.
	 * @param contender the contender
	 * @return the number of results
	 */
	public long run(Contender contender) {
		return switch (this) {
			case CREATE -> contender.create();
			case GET_LATEST -> contender.getLatest();
			case UPDATE_VERSIONED -> contender.updateVersioned();
			case UPDATE_AUDITED -> contender.updateAudited();
			case UPDATE_BLOB -> contender.updateBlob();
			case UPDATE_BLOB_UNCHANGED -> contender.updateBlobUnchanged();
			case UPDATE_PLAIN -> contender.updatePlain();
			case LIST_PAGE -> contender.listPage();
			case QUERY_PAGE -> contender.queryPage();
			case BATCH_GET -> contender.batchGet();
			case STREAM -> contender.stream(DISCARD);
			case TRANSACTION -> contender.transaction();
		};
	}

}
