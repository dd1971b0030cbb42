package dev.singletable.archfixture.core.internal.write.build;

import dev.singletable.archfixture.internal.plan.FixtureStep;
import reactor.core.publisher.Mono;

/** Broken: a plan that names Reactor's {@code Mono}, which only the reactive driver may. */
public class ReactivePlan {

	Mono<FixtureStep> next() {
		return Mono.just(new FixtureStep("GetItem"));
	}

}
