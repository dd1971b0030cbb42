package dev.singletable.benchmarks.model;

/**
 * A link inside a {@link Section}.
 *
 * @param url the target address
 * @param text the anchor text
 */
public record Link(String url, String text) {
}
