package dev.singletable.benchmarks.peer;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A link of a {@link PeerSection}, as an Enhanced Client bean.
 */
@DynamoDbBean
public class PeerLink {

	private String url;

	private String text;

	/**
	 * Returns the target address.
	 * @return the address
	 */
	public String getUrl() {
		return this.url;
	}

	/**
	 * Sets the target address.
	 * @param url the address
	 */
	public void setUrl(String url) {
		this.url = url;
	}

	/**
	 * Returns the anchor text.
	 * @return the text
	 */
	public String getText() {
		return this.text;
	}

	/**
	 * Sets the anchor text.
	 * @param text the text
	 */
	public void setText(String text) {
		this.text = text;
	}

}
