package dev.singletable.sample;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Comments on an article: {@code POST /api/articles/{id}/comments} adds one, {@code GET} lists them oldest first,
 * {@code GET .../comments/thread} reads the article with its comments a page at a time (an item collection).
 */
@RestController
@Profile("!reactive")
@RequestMapping("/api/articles/{articleId}/comments")
public class CommentController {

	private final KnowledgeBase knowledgeBase;

	/**
	 * Creates the controller.
	 * @param knowledgeBase the knowledge base
	 */
	public CommentController(KnowledgeBase knowledgeBase) {
		this.knowledgeBase = knowledgeBase;
	}

	/**
	 * Adds a comment to an article.
	 * @param articleId the article
	 * @param request the comment
	 * @return the stored comment
	 */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public CommentResponse add(@PathVariable String articleId, @Valid @RequestBody CommentRequest request) {
		return CommentResponse.of(this.knowledgeBase.comment(articleId, request));
	}

	/**
	 * Lists the comments on an article, oldest first.
	 * @param articleId the article
	 * @return the comments
	 */
	@GetMapping
	public List<CommentResponse> list(@PathVariable String articleId) {
		return this.knowledgeBase.comments(articleId).stream().map(CommentResponse::of).toList();
	}

	/**
	 * Reads a page of the article's thread, the article and its comments, with one query per page.
	 * @param articleId the article
	 * @param cursor the {@code nextCursor} of the previous page, or {@literal null} for the first
	 * @param size the page size, 1 to 100
	 * @return the page
	 */
	@GetMapping("/thread")
	public ThreadResponse thread(@PathVariable String articleId, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return ThreadResponse.of(this.knowledgeBase.thread(articleId, cursor, size));
	}

}
