package dev.singletable.benchmarks.model;

import java.util.List;

/**
 * A titled part of an article: paragraphs of prose and the links they cite.
 *
 * @param heading the section heading
 * @param paragraphs the paragraphs, in order
 * @param links the links of the section
 */
public record Section(String heading, List<String> paragraphs, List<Link> links) {
}
