package dev.singletable.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A comment as the API returns it.
 *
 * @param id the id
 * @param articleId the article commented on
 * @param author who wrote the comment
 * @param text the comment
 * @param createdAt when it was written
 */
public record CommentResponse(@Nullable String id, String articleId, String author, String text,
		@Nullable Instant createdAt) {

	/**
	 * Returns the response for a comment.
	 * @param comment the comment
	 * @return the response
	 */
	public static CommentResponse of(Comment comment) {
		return new CommentResponse(comment.id(), comment.articleId(), comment.author(), comment.text(),
				comment.createdAt());
	}

}
