package dev.singletable.benchmarks.peer;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * An article whose attachment an Enhanced Client application keeps in S3: one object per article, overwritten by
 * every update, its key on the item; versioned by the version extension, no history.
 */
@DynamoDbBean
public class PeerBlobArticle extends PeerItem {

	private Long version;

	private String title;

	private String attachmentKey;

	/**
	 * Returns the version.
	 * @return the version, {@literal null} before the first put
	 */
	@DynamoDbVersionAttribute
	public Long getVersion() {
		return this.version;
	}

	/**
	 * Sets the version.
	 * @param version the version
	 */
	public void setVersion(Long version) {
		this.version = version;
	}

	/**
	 * Returns the title.
	 * @return the title
	 */
	public String getTitle() {
		return this.title;
	}

	/**
	 * Sets the title.
	 * @param title the title
	 */
	public void setTitle(String title) {
		this.title = title;
	}

	/**
	 * Returns the S3 key of the attachment.
	 * @return the key
	 */
	@DynamoDbAttribute("attachment_key")
	public String getAttachmentKey() {
		return this.attachmentKey;
	}

	/**
	 * Sets the S3 key of the attachment.
	 * @param attachmentKey the key
	 */
	public void setAttachmentKey(String attachmentKey) {
		this.attachmentKey = attachmentKey;
	}

}
