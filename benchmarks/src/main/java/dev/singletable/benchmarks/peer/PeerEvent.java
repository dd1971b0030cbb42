package dev.singletable.benchmarks.peer;

import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * The event as an Enhanced Client bean, streamed through the type index.
 */
@DynamoDbBean
public class PeerEvent extends PeerItem {

	private String source;

	private String kind;

	private long sequence;

	private Map<String, String> attributes;

	/**
	 * Returns the emitting system.
	 * @return the value
	 */
	public String getSource() {
		return this.source;
	}

	/**
	 * Sets the emitting system.
	 * @param source the value
	 */
	public void setSource(String source) {
		this.source = source;
	}

	/**
	 * Returns the kind of event.
	 * @return the value
	 */
	public String getKind() {
		return this.kind;
	}

	/**
	 * Sets the kind of event.
	 * @param kind the value
	 */
	public void setKind(String kind) {
		this.kind = kind;
	}

	/**
	 * Returns the sequence number.
	 * @return the value
	 */
	public long getSequence() {
		return this.sequence;
	}

	/**
	 * Sets the sequence number.
	 * @param sequence the value
	 */
	public void setSequence(long sequence) {
		this.sequence = sequence;
	}

	/**
	 * Returns the attributes.
	 * @return the value
	 */
	public Map<String, String> getAttributes() {
		return this.attributes;
	}

	/**
	 * Sets the attributes.
	 * @param attributes the value
	 */
	public void setAttributes(Map<String, String> attributes) {
		this.attributes = attributes;
	}

}
