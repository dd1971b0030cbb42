package dev.singletable.benchmarks.peer;

import java.util.List;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A section of a {@link PeerArticle}, as an Enhanced Client bean.
 */
@DynamoDbBean
public class PeerSection {

	private String heading;

	private List<String> paragraphs;

	private List<PeerLink> links;

	/**
	 * Returns the heading.
	 * @return the heading
	 */
	public String getHeading() {
		return this.heading;
	}

	/**
	 * Sets the heading.
	 * @param heading the heading
	 */
	public void setHeading(String heading) {
		this.heading = heading;
	}

	/**
	 * Returns the paragraphs.
	 * @return the paragraphs
	 */
	public List<String> getParagraphs() {
		return this.paragraphs;
	}

	/**
	 * Sets the paragraphs.
	 * @param paragraphs the paragraphs
	 */
	public void setParagraphs(List<String> paragraphs) {
		this.paragraphs = paragraphs;
	}

	/**
	 * Returns the links.
	 * @return the links
	 */
	public List<PeerLink> getLinks() {
		return this.links;
	}

	/**
	 * Sets the links.
	 * @param links the links
	 */
	public void setLinks(List<PeerLink> links) {
		this.links = links;
	}

}
