package dev.singletable.sample;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of a request that adds a comment to an article.
 *
 * @param author who writes the comment
 * @param text the comment
 */
public record CommentRequest(@NotBlank @Size(max = 100) String author, @NotBlank @Size(max = 5_000) String text) {

}
