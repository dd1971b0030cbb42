package dev.singletable.sample;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The view counter of an article: {@code POST /api/articles/{id}/views} counts a view (atomically, so concurrent
 * views are all counted), {@code GET} reads the count.
 */
@RestController
@Profile("!reactive")
@RequestMapping("/api/articles/{articleId}/views")
public class ViewsController {

	private final KnowledgeBase knowledgeBase;

	/**
	 * Creates the controller.
	 * @param knowledgeBase the knowledge base
	 */
	public ViewsController(KnowledgeBase knowledgeBase) {
		this.knowledgeBase = knowledgeBase;
	}

	/**
	 * Counts one view.
	 * @param articleId the article
	 * @return the count read just after this view was counted
	 */
	@PostMapping
	public ViewsResponse view(@PathVariable String articleId) {
		return new ViewsResponse(articleId, this.knowledgeBase.view(articleId));
	}

	/**
	 * Reads the view count.
	 * @param articleId the article
	 * @return the count
	 */
	@GetMapping
	public ViewsResponse views(@PathVariable String articleId) {
		return new ViewsResponse(articleId, this.knowledgeBase.views(articleId));
	}

}
