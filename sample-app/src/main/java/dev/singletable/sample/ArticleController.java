package dev.singletable.sample;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Articles and their versions.
 * <ul>
 * <li>{@code POST /api/articles} creates an article (version 1).</li>
 * <li>{@code GET /api/articles/{id}} reads the latest version.</li>
 * <li>{@code PUT /api/articles/{id}} stores the next version; the body carries the {@code version} the client last
 * saw, and a stale one gets {@code 409 Conflict}.</li>
 * <li>{@code DELETE /api/articles/{id}} deletes the article with its history, comments and views.</li>
 * <li>{@code GET /api/articles?status=PUBLISHED} or {@code ?author=ann}, with {@code &cursor=&size=}, lists one page
 * ({@code {items, nextCursor}}).</li>
 * <li>{@code GET /api/articles/{id}/versions} lists the history, newest first;
 * {@code GET /api/articles/{id}/versions/{version}} reads one version;
 * {@code POST /api/articles/{id}/versions/{version}/restore} stores its content as the next version.</li>
 * </ul>
 */
@RestController
@Profile("!reactive")
@RequestMapping("/api/articles")
public class ArticleController {

	private final KnowledgeBase knowledgeBase;

	/**
	 * Creates the controller.
	 * @param knowledgeBase the knowledge base
	 */
	public ArticleController(KnowledgeBase knowledgeBase) {
		this.knowledgeBase = knowledgeBase;
	}

	/**
	 * Creates an article.
	 * @param request the new article
	 * @return {@code 201 Created} with the stored article and its location
	 */
	@PostMapping
	public ResponseEntity<ArticleResponse> create(@Valid @RequestBody NewArticleRequest request) {
		Article article = this.knowledgeBase.create(request.toArticle());
		return ResponseEntity.created(URI.create("/api/articles/" + article.id())).body(ArticleResponse.of(article));
	}

	/**
	 * Reads the latest version of an article.
	 * @param id the id
	 * @return the article
	 */
	@GetMapping("/{id}")
	public ArticleResponse get(@PathVariable String id) {
		return ArticleResponse.of(this.knowledgeBase.get(id));
	}

	/**
	 * Stores the next version of an article.
	 * @param id the id
	 * @param request the new content and the version it is based on
	 * @return the stored article
	 */
	@PutMapping("/{id}")
	public ArticleResponse update(@PathVariable String id, @Valid @RequestBody ArticleUpdateRequest request) {
		return ArticleResponse.of(this.knowledgeBase.update(id, request));
	}

	/**
	 * Deletes an article with everything that belongs to it.
	 * @param id the id
	 */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public void delete(@PathVariable String id) {
		this.knowledgeBase.delete(id);
	}

	/**
	 * Lists one page of the articles with a status (oldest first) or of an author (most recently updated first).
	 * @param status the status to list, or {@literal null}
	 * @param author the author to list, or {@literal null}
	 * @param cursor the {@code nextCursor} of the previous page, or {@literal null} for the first
	 * @param size the page size, 1 to 100
	 * @return the page
	 */
	@GetMapping
	public PageResponse<ArticleResponse> list(@RequestParam(required = false) Article.@Nullable Status status,
			@RequestParam(required = false) @Nullable String author, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		if (status != null && author == null) {
			return PageResponse.of(this.knowledgeBase.listByStatus(status, cursor, size), ArticleResponse::of);
		}
		if (author != null && status == null && !author.isBlank()) {
			return PageResponse.of(this.knowledgeBase.listByAuthor(author, cursor, size), ArticleResponse::of);
		}
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"Give exactly one of the query parameters 'status' (DRAFT, PUBLISHED or ARCHIVED) or 'author'");
	}

	/**
	 * Lists the stored versions of an article, newest first.
	 * @param id the id
	 * @return the versions
	 */
	@GetMapping("/{id}/versions")
	public List<ArticleResponse> versions(@PathVariable String id) {
		return this.knowledgeBase.versions(id).stream().map(ArticleResponse::of).toList();
	}

	/**
	 * Reads one version of an article.
	 * @param id the id
	 * @param version the version
	 * @return that version
	 */
	@GetMapping("/{id}/versions/{version}")
	public ArticleResponse version(@PathVariable String id, @PathVariable @Positive long version) {
		return ArticleResponse.of(this.knowledgeBase.version(id, version));
	}

	/**
	 * Stores the content of an earlier version as the next version.
	 * @param id the id
	 * @param version the version to restore
	 * @return the new latest version
	 */
	@PostMapping("/{id}/versions/{version}/restore")
	public ArticleResponse restore(@PathVariable String id, @PathVariable @Positive long version) {
		return ArticleResponse.of(this.knowledgeBase.restore(id, version));
	}

}
