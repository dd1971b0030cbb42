package dev.singletable.sample;

import java.net.URI;

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

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Articles and their versions on WebFlux (profile {@code reactive}): the endpoints and answers of
 * {@link ArticleController}, served by the {@link ReactiveKnowledgeBase} without a thread per request.
 */
@RestController
@RequestMapping("/api/articles")
@Profile("reactive")
public class ReactiveArticleController {

	private final ReactiveKnowledgeBase knowledgeBase;

	/**
	 * Creates the controller.
	 * @param knowledgeBase the knowledge base
	 */
	public ReactiveArticleController(ReactiveKnowledgeBase knowledgeBase) {
		this.knowledgeBase = knowledgeBase;
	}

	/**
	 * Creates an article.
	 * @param request the new article
	 * @return {@code 201 Created} with the stored article and its location
	 */
	@PostMapping
	public Mono<ResponseEntity<ArticleResponse>> create(@Valid @RequestBody NewArticleRequest request) {
		return this.knowledgeBase.create(request.toArticle())
			.map((article) -> ResponseEntity.created(URI.create("/api/articles/" + article.id()))
				.body(ArticleResponse.of(article)));
	}

	/**
	 * Reads the latest version of an article.
	 * @param id the id
	 * @return the article
	 */
	@GetMapping("/{id}")
	public Mono<ArticleResponse> get(@PathVariable String id) {
		return this.knowledgeBase.get(id).map(ArticleResponse::of);
	}

	/**
	 * Stores the next version of an article.
	 * @param id the id
	 * @param request the new content and the version it is based on
	 * @return the stored article
	 */
	@PutMapping("/{id}")
	public Mono<ArticleResponse> update(@PathVariable String id, @Valid @RequestBody ArticleUpdateRequest request) {
		return this.knowledgeBase.update(id, request).map(ArticleResponse::of);
	}

	/**
	 * Deletes an article with its history and views.
	 * @param id the id
	 * @return completes once deleted
	 */
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public Mono<Void> delete(@PathVariable String id) {
		return this.knowledgeBase.delete(id);
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
	public Mono<PageResponse<ArticleResponse>> list(@RequestParam(required = false) Article.@Nullable Status status,
			@RequestParam(required = false) @Nullable String author, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		if (status != null && author == null) {
			return this.knowledgeBase.listByStatus(status, cursor, size)
				.map((page) -> PageResponse.of(page, ArticleResponse::of));
		}
		if (author != null && status == null && !author.isBlank()) {
			return this.knowledgeBase.listByAuthor(author, cursor, size)
				.map((page) -> PageResponse.of(page, ArticleResponse::of));
		}
		return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"Give exactly one of the query parameters 'status' (DRAFT, PUBLISHED or ARCHIVED) or 'author'"));
	}

	/**
	 * Lists the stored versions of an article, newest first.
	 * @param id the id
	 * @return the versions
	 */
	@GetMapping("/{id}/versions")
	public Flux<ArticleResponse> versions(@PathVariable String id) {
		return this.knowledgeBase.versions(id).map(ArticleResponse::of);
	}

	/**
	 * Reads one version of an article.
	 * @param id the id
	 * @param version the version
	 * @return that version
	 */
	@GetMapping("/{id}/versions/{version}")
	public Mono<ArticleResponse> version(@PathVariable String id, @PathVariable @Positive long version) {
		return this.knowledgeBase.version(id, version).map(ArticleResponse::of);
	}

	/**
	 * Stores the content of an earlier version as the next version.
	 * @param id the id
	 * @param version the version to restore
	 * @return the new latest version
	 */
	@PostMapping("/{id}/versions/{version}/restore")
	public Mono<ArticleResponse> restore(@PathVariable String id, @PathVariable @Positive long version) {
		return this.knowledgeBase.restore(id, version).map(ArticleResponse::of);
	}

}
