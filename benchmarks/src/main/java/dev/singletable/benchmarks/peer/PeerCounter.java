package dev.singletable.benchmarks.peer;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbAtomicCounter;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A counter as the Enhanced Client keeps one: its {@code count} is an atomic counter, which the
 * {@code AtomicCounterExtension} adds 1 to on every update (an update with null attributes ignored touches nothing
 * else). It has no type-index keys, so the peer's streams never see it.
 */
@DynamoDbBean
public class PeerCounter extends PeerItem {

	private Long count;

	/**
	 * Returns the count.
	 * @return the value
	 */
	@DynamoDbAtomicCounter
	public Long getCount() {
		return this.count;
	}

	/**
	 * Sets the count.
	 * @param count the value
	 */
	public void setCount(Long count) {
		this.count = count;
	}

}
