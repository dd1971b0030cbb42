package dev.singletable.benchmarks.reactive;

import java.util.ArrayList;
import java.util.List;

/**
 * The APIs compared, in the order of the tables.
 */
public enum Api {

	/** {@code ReactiveSingleTableTemplate} on {@code DynamoDbAsyncClient} with the Netty client. */
	REACTIVE("reactive API", "reactive-api-"),

	/** {@code SingleTableTemplate} on {@code DynamoDbClient}, one pool thread per lane. */
	BLOCKING("blocking API", "blocking-api-"),

	/** The SDK's {@code DynamoDbEnhancedAsyncClient} on {@code DynamoDbAsyncClient} with the Netty client. */
	PEER("peer (Enhanced async client)", "peer-async-");

	private final String label;

	private final String threadPrefix;

	Api(String label, String threadPrefix) {
		this.label = label;
		this.threadPrefix = threadPrefix;
	}

	/**
	 * Returns the label of the tables.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Returns how the names of the threads this API's clients and pools make begin.
	 * @return the prefix
	 */
	public String threadPrefix() {
		return this.threadPrefix;
	}

	/**
	 * Returns every API in the order of a round: shifted by one each round, so that none always goes first.
	 * @param round the round, from 0
	 * @return the APIs
	 */
	static List<Api> rotated(int round) {
		Api[] apis = values();
		List<Api> order = new ArrayList<>(apis.length);
		for (int i = 0; i < apis.length; i++) {
			order.add(apis[(i + round) % apis.length]);
		}
		return order;
	}

}
