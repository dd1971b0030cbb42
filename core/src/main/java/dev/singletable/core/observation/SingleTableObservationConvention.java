package dev.singletable.core.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@link SingleTableObservation#OPERATION singletable operations}; implement it
 * (or extend {@link DefaultSingleTableObservationConvention}) to change their name or tags, and give it to the
 * template ({@code setObservationConvention}) or, with Spring Boot, declare it as a bean.
 */
public interface SingleTableObservationConvention extends ObservationConvention<SingleTableObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SingleTableObservationContext;
	}

}
