package dev.singletable.benchmarks.model;

/**
 * A reader's comment on an article.
 *
 * @param author the commenter
 * @param text the comment
 * @param likes how many readers liked it
 * @param postedAt when it was posted, ISO-8601
 */
public record Comment(String author, String text, int likes, String postedAt) {
}
