package dev.singletable.sample;

import java.util.List;

import jakarta.validation.Valid;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Comments on an article: {@code POST /api/articles/{id}/comments} adds one, {@code GET} lists them oldest first.
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

}
