package dev.singletable.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.query.ItemCollection;

/**
 * One page of an article's thread, read as one item collection: the article on the first page, and its comments.
 * Pass {@code nextCursor} back as {@code ?cursor=} for the next page.
 *
 * @param article the article, on the first page only
 * @param comments the comments of this page, oldest first
 * @param nextCursor the cursor of the next page, or {@literal null} when this is the last
 */
public record ThreadResponse(@Nullable ArticleResponse article, List<CommentResponse> comments,
		@Nullable String nextCursor) {

	/**
	 * Returns the response of a page of the thread.
	 * @param page the page
	 * @return the response
	 */
	public static ThreadResponse of(ItemCollection page) {
		return new ThreadResponse(page.first(Article.class).map(ArticleResponse::of).orElse(null),
				page.get(Comment.class).stream().map(CommentResponse::of).toList(), page.nextCursor());
	}

}
