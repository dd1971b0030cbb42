package dev.singletable.benchmarks.peer;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * The article as an Enhanced Client bean: one item per article, every property a top-level attribute (nested
 * beans as maps), the index keys carried as properties, and {@code version} maintained by the Enhanced Client's
 * version extension (a conditional put per update, no history).
 */
@DynamoDbBean
public class PeerArticle extends PeerItem {

	private Long version;

	private String gsi1pk;

	private String title;

	private String summary;

	private String status;

	private String author;

	private List<String> tags;

	private List<PeerSection> sections;

	private List<PeerComment> comments;

	private Map<String, String> metadata;

	/**
	 * Returns the partition key, {@code PeerArticle#<id>}, also the sort key of {@code gsi1}.
	 * @return the value
	 */
	@Override
	@DynamoDbPartitionKey
	@DynamoDbSecondarySortKey(indexNames = "gsi1")
	public String getPk() {
		return super.getPk();
	}

	/**
	 * Returns the optimistic-locking version, maintained by the version extension.
	 * @return the value
	 */
	@DynamoDbVersionAttribute
	public Long getVersion() {
		return this.version;
	}

	/**
	 * Sets the optimistic-locking version, maintained by the version extension.
	 * @param version the value
	 */
	public void setVersion(Long version) {
		this.version = version;
	}

	/**
	 * Returns the {@code gsi1} partition, {@code status#<status>}.
	 * @return the value
	 */
	@DynamoDbSecondaryPartitionKey(indexNames = "gsi1")
	public String getGsi1pk() {
		return this.gsi1pk;
	}

	/**
	 * Sets the {@code gsi1} partition, {@code status#<status>}.
	 * @param gsi1pk the value
	 */
	public void setGsi1pk(String gsi1pk) {
		this.gsi1pk = gsi1pk;
	}

	/**
	 * Returns the title.
	 * @return the value
	 */
	public String getTitle() {
		return this.title;
	}

	/**
	 * Sets the title.
	 * @param title the value
	 */
	public void setTitle(String title) {
		this.title = title;
	}

	/**
	 * Returns the summary.
	 * @return the value
	 */
	public String getSummary() {
		return this.summary;
	}

	/**
	 * Sets the summary.
	 * @param summary the value
	 */
	public void setSummary(String summary) {
		this.summary = summary;
	}

	/**
	 * Returns the status.
	 * @return the value
	 */
	public String getStatus() {
		return this.status;
	}

	/**
	 * Sets the status.
	 * @param status the value
	 */
	public void setStatus(String status) {
		this.status = status;
	}

	/**
	 * Returns the author.
	 * @return the value
	 */
	public String getAuthor() {
		return this.author;
	}

	/**
	 * Sets the author.
	 * @param author the value
	 */
	public void setAuthor(String author) {
		this.author = author;
	}

	/**
	 * Returns the tags.
	 * @return the value
	 */
	public List<String> getTags() {
		return this.tags;
	}

	/**
	 * Sets the tags.
	 * @param tags the value
	 */
	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	/**
	 * Returns the sections.
	 * @return the value
	 */
	public List<PeerSection> getSections() {
		return this.sections;
	}

	/**
	 * Sets the sections.
	 * @param sections the value
	 */
	public void setSections(List<PeerSection> sections) {
		this.sections = sections;
	}

	/**
	 * Returns the comments.
	 * @return the value
	 */
	public List<PeerComment> getComments() {
		return this.comments;
	}

	/**
	 * Sets the comments.
	 * @param comments the value
	 */
	public void setComments(List<PeerComment> comments) {
		this.comments = comments;
	}

	/**
	 * Returns the metadata.
	 * @return the value
	 */
	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	/**
	 * Sets the metadata.
	 * @param metadata the value
	 */
	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

}
