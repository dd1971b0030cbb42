package dev.singletable.benchmarks;

/**
 * The three contenders, in the order of the tables.
 */
public enum Side {

	/** singletable. */
	SINGLETABLE("singletable"),

	/** Hand-written raw SDK calls doing the same DynamoDB work. */
	FLOOR("floor (raw SDK)"),

	/** The SDK's Enhanced Client. */
	PEER("peer (Enhanced Client)");

	private final String label;

	Side(String label) {
		this.label = label;
	}

	/**
	 * Returns the label of the tables.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

}
