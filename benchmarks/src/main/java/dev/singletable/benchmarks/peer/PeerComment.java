package dev.singletable.benchmarks.peer;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * A comment of a {@link PeerArticle}, as an Enhanced Client bean.
 */
@DynamoDbBean
public class PeerComment {

	private String author;

	private String text;

	private int likes;

	private String postedAt;

	/**
	 * Returns the commenter.
	 * @return the commenter
	 */
	public String getAuthor() {
		return this.author;
	}

	/**
	 * Sets the commenter.
	 * @param author the commenter
	 */
	public void setAuthor(String author) {
		this.author = author;
	}

	/**
	 * Returns the comment.
	 * @return the text
	 */
	public String getText() {
		return this.text;
	}

	/**
	 * Sets the comment.
	 * @param text the text
	 */
	public void setText(String text) {
		this.text = text;
	}

	/**
	 * Returns the likes.
	 * @return the likes
	 */
	public int getLikes() {
		return this.likes;
	}

	/**
	 * Sets the likes.
	 * @param likes the likes
	 */
	public void setLikes(int likes) {
		this.likes = likes;
	}

	/**
	 * Returns when the comment was posted.
	 * @return an ISO-8601 timestamp
	 */
	public String getPostedAt() {
		return this.postedAt;
	}

	/**
	 * Sets when the comment was posted.
	 * @param postedAt an ISO-8601 timestamp
	 */
	public void setPostedAt(String postedAt) {
		this.postedAt = postedAt;
	}

}
