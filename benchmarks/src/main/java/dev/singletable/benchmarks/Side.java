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

	/**
	 * Returns every side in the order of a round: shifted by one each round, so that no side always goes first.
	 * @param round the round, from 0
	 * @return the sides
	 */
	public static java.util.List<Side> rotated(int round) {
		Side[] sides = values();
		java.util.List<Side> order = new java.util.ArrayList<>(sides.length);
		for (int i = 0; i < sides.length; i++) {
			order.add(sides[(i + round) % sides.length]);
		}
		return order;
	}

}
