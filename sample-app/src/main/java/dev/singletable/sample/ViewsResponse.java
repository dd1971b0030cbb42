package dev.singletable.sample;

/**
 * The view count of an article.
 *
 * @param articleId the article
 * @param views how many times it was viewed
 */
public record ViewsResponse(String articleId, long views) {

}
