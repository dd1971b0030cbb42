package dev.singletable.benchmarks.reactive;

/**
 * The operations every API runs on its lanes.
 */
public enum ConcurrentOperation {

	/** A versioned update of the lane's article: its new version and {@code v0} (the peer: its versioned put). */
	UPDATE("versioned update", "Versioned updates"),

	/** A read of an article's latest state by id. */
	GET("get latest", "Gets of the latest state");

	private final String label;

	private final String plural;

	ConcurrentOperation(String label, String plural) {
		this.label = label;
		this.plural = plural;
	}

	/**
	 * Returns the name of many such operations, capitalized, to start a sentence.
	 * @return the plural
	 */
	public String plural() {
		return this.plural;
	}

	/**
	 * Returns the label of the tables.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}
