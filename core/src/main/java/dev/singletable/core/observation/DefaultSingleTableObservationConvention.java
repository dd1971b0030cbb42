package dev.singletable.core.observation;

import io.micrometer.common.KeyValues;

import dev.singletable.core.observation.SingleTableObservation.LowCardinalityKeyNames;

/**
 * The default {@link SingleTableObservationConvention}: named {@value SingleTableObservation#NAME}, tagged with
 * {@code type}, {@code operation}, {@code index} and {@code table}; its contextual name (a span's name) is the
 * operation and the type, such as {@code update Note}.
 */
public class DefaultSingleTableObservationConvention implements SingleTableObservationConvention {

	/** A shared instance. */
	public static final DefaultSingleTableObservationConvention INSTANCE = new DefaultSingleTableObservationConvention();

	@Override
	public String getName() {
		return SingleTableObservation.NAME;
	}

	@Override
	public String getContextualName(SingleTableObservationContext context) {
		return context.getOperation() + " " + context.getEntityTypeName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SingleTableObservationContext context) {
		return KeyValues.of(LowCardinalityKeyNames.TYPE.withValue(context.getEntityTypeName()),
				LowCardinalityKeyNames.OPERATION.withValue(context.getOperation()),
				LowCardinalityKeyNames.INDEX.withValue(context.getIndexName()),
				LowCardinalityKeyNames.TABLE.withValue(context.getTableName()));
	}

}
