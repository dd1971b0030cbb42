package dev.singletable.archfixture.internal.plan;

/** A plan's next request, as a value: what a plan may name. */
public record FixtureStep(String request) {

}
