package dev.singletable.sample;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of a request that changes an article: the new content and the version the client last saw. When
 * someone else stored a newer version meanwhile, the update is refused with {@code 409 Conflict} and nothing is
 * written.
 *
 * @param version the version the change is based on
 * @param title the new title
 * @param body the new text
 * @param status the new status
 * @param tags the new tags, optional
 */
public record ArticleUpdateRequest(@NotNull @Positive Long version, @NotBlank @Size(max = 200) String title,
		@NotBlank @Size(max = 100_000) String body, @NotNull Article.Status status,
		@Size(max = 20) @Nullable List<@NotBlank @Size(max = 50) String> tags) {

	/**
	 * Returns the next state of an article with this request's content.
	 * @param current the current state of the article
	 * @return the article to store
	 */
	Article applyTo(Article current) {
		return current.withContent(this.version, this.title, this.body, this.status,
				(this.tags != null) ? this.tags : List.of());
	}

}
