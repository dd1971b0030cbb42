package dev.singletable.benchmarks.limits;

/**
 * The event of the outbox's publications.
 * @param id the id of what happened
 * @param body what happened
 */
public record LimitEvent(String id, String body) {

}
