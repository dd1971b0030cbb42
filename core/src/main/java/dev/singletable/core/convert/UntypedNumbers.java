package dev.singletable.core.convert;

import java.math.BigDecimal;
import java.math.BigInteger;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Makes untyped numbers ({@code Object}, {@code Number}, the values of {@code Map<String, Object>} and
 * {@code List<Object>}) read alike whether they come from a compressed type's JSON or from attributes. DynamoDB
 * stores a number without its form: {@code 1.0} and {@code 1e20} come back as {@code 1} and
 * {@code 100000000000000000000}, which read as integers. So a JSON number with a fraction or exponent whose
 * value is whole reads as the same integer ({@link Integer}, {@link Long} or {@link BigInteger} by size, or as
 * the mapper's integer features say), and every other number as the mapper reads it.
 */
final class UntypedNumbers extends SimpleModule {

	UntypedNumbers() {
		super("singletable-untyped-numbers");
		addDeserializer(Number.class, new NumberDeserializer());
	}

	private static final class NumberDeserializer extends StdDeserializer<Number> {

		NumberDeserializer() {
			super(Number.class);
		}

		@Override
		public Number deserialize(JsonParser p, DeserializationContext ctxt) {
			JsonToken token = p.currentToken();
			if (token == JsonToken.VALUE_NUMBER_INT) {
				return integer(p.getNumberValue(), ctxt);
			}
			if (token == JsonToken.VALUE_NUMBER_FLOAT) {
				if (!p.isNaN()) {
					BigDecimal decimal = p.getDecimalValue();
					if (decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0) {
						return integer(smallest(decimal.toBigIntegerExact()), ctxt);
					}
				}
				return ctxt.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) ? p.getDecimalValue()
						: (Number) p.getDoubleValue();
			}
			return (Number) ctxt.handleUnexpectedToken(Number.class, p);
		}

		private static Number smallest(BigInteger value) {
			if (value.bitLength() < 32) {
				return value.intValue();
			}
			return (value.bitLength() < 64) ? (Number) value.longValue() : value;
		}

		private static Number integer(Number value, DeserializationContext ctxt) {
			if (ctxt.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)) {
				return (value instanceof BigInteger) ? value : BigInteger.valueOf(value.longValue());
			}
			if (ctxt.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS) && value instanceof Integer) {
				return value.longValue();
			}
			return value;
		}

	}

}
