package dev.singletable.sample;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of a request that creates an article.
 *
 * @param title the title
 * @param body the text
 * @param status the status
 * @param author the author
 * @param tags the tags, optional
 */
public record NewArticleRequest(@NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 100_000) String body,
		@NotNull Article.Status status, @NotBlank @Size(max = 100) String author,
		@Size(max = 20) @Nullable List<@NotBlank @Size(max = 50) String> tags) {

	/**
	 * Returns the new article this request describes.
	 * @return the article to create
	 */
	Article toArticle() {
		return Article.create(this.title, this.body, this.status, this.author, (this.tags != null) ? this.tags : List.of());
	}

}
