package dev.singletable.internal.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Converts between JSON (trees and token streams) and DynamoDB attribute values the way {@code boto3} does for
 * {@code simplesingletable}: objects as M, arrays as L, numbers as N, strings as S, booleans as BOOL, nulls as
 * NULL and binary as B.
 * <p>
 * Internal: public for the library's other layers (the converter, the audit row codec), not for applications.
 */
public final class AttributeValues {

	public static final AttributeValue NULL = AttributeValue.fromNul(true);

	/** The significant digits a DynamoDB number has at most. */
	private static final int MAX_DIGITS = 38;

	/** The power of ten of the first digit of the largest and smallest magnitudes DynamoDB stores. */
	private static final int MAX_EXPONENT = 125;

	private static final int MIN_EXPONENT = -130;

	private AttributeValues() {
	}

	/**
	 * Converts a JSON tree to an attribute value, nulls included. Internal.
	 * @param node the tree
	 * @return the attribute value
	 */
	public static AttributeValue toAttributeValue(JsonNode node) {
		return fromJson(node, false);
	}

	/**
	 * Converts an attribute value to a JSON tree as the storage mapper reads it: sets become arrays, binary its
	 * base64 text. Internal.
	 * @param value the attribute value
	 * @param mapper the mapper that reads the tokens
	 * @return the tree
	 */
	public static JsonNode toJsonTree(AttributeValue value, JsonMapper mapper) {
		TokenBuffer tokens = TokenBuffer.forGeneration();
		writeJson(tokens, value);
		try (JsonParser parser = tokens.asParser()) {
			return mapper.readTree(parser);
		}
	}

	/**
	 * Converts a JSON tree to an attribute value: its tokens converted as {@link #fromJson(JsonParser, boolean)}
	 * converts them, so that a tree and the same value serialized give the same attribute. Internal.
	 * @param node the tree; {@literal null} and a missing node are NULL
	 * @param omitNulls whether an object's null fields are left out
	 * @return the attribute value
	 */
	public static AttributeValue fromJson(@Nullable JsonNode node, boolean omitNulls) {
		if (node == null || node.isMissingNode()) {
			return NULL;
		}
		try (JsonParser parser = node.traverse(ObjectReadContext.empty())) {
			parser.nextToken();
			return fromJson(parser, omitNulls);
		}
	}

	/**
	 * Converts a value to an attribute value as a mapper serializes it, nulls included: the value's tokens converted
	 * as {@link #fromJson(JsonParser, boolean)} converts them, without a JSON tree in between. Internal.
	 * @param mapper the mapper that serializes the value
	 * @param value the value
	 * @return the attribute value
	 * @throws tools.jackson.core.JacksonException when the mapper cannot serialize the value
	 */
	public static AttributeValue fromValue(JsonMapper mapper, Object value) {
		try (TokenBuffer tokens = TokenBuffer.forGeneration()) {
			mapper.writeValue(tokens, value);
			try (JsonParser parser = tokens.asParser()) {
				parser.nextToken();
				return fromJson(parser, false);
			}
		}
	}

	/**
	 * Converts the JSON value at a parser's current token to an attribute value: the one conversion of JSON to
	 * attributes, which the write path of uncompressed items runs on the tokens an entity is serialized to (no tree
	 * first) and the other forms here on a tree's or a value's tokens. Leaves the parser at the value's last token.
	 * Internal.
	 * @param parser a parser at the first token of the value
	 * @param omitNulls whether an object's null fields are left out
	 * @return the attribute value
	 */
	public static AttributeValue fromJson(JsonParser parser, boolean omitNulls) {
		JsonToken token = parser.currentToken();
		switch (token) {
			case VALUE_STRING:
				return AttributeValue.fromS(parser.getString());
			case VALUE_NUMBER_INT:
			case VALUE_NUMBER_FLOAT:
				return AttributeValue.fromN(number(parser));
			case VALUE_TRUE:
			case VALUE_FALSE:
				return AttributeValue.fromBool(token == JsonToken.VALUE_TRUE);
			case VALUE_NULL:
				return NULL;
			case START_ARRAY: {
				List<AttributeValue> list = new ArrayList<>();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					list.add(fromJson(parser, omitNulls));
				}
				return AttributeValue.fromL(list);
			}
			case START_OBJECT: {
				Map<String, AttributeValue> map = new LinkedHashMap<>();
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					if (parser.nextToken() == JsonToken.VALUE_NULL && omitNulls) {
						continue;
					}
					map.put(name, fromJson(parser, omitNulls));
				}
				return AttributeValue.fromM(map);
			}
			case VALUE_EMBEDDED_OBJECT: {
				Object embedded = parser.getEmbeddedObject();
				if (embedded instanceof byte[] bytes) {
					return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
				}
				if (embedded instanceof JsonNode node) {
					return fromJson(node, omitNulls);
				}
				throw new IllegalArgumentException("Cannot store a value of type "
						+ ((embedded != null) ? embedded.getClass().getName() : "null") + " as a DynamoDB attribute");
			}
			default:
				throw new IllegalArgumentException("Cannot store the JSON token " + token + " as a DynamoDB attribute");
		}
	}

	private static String number(JsonParser parser) {
		switch (parser.getNumberType()) {
			case INT:
			case LONG:
				return Long.toString(parser.getLongValue());
			case BIG_INTEGER:
				return parser.getBigIntegerValue().toString();
			case FLOAT:
			case DOUBLE: {
				// as a tree's float and double nodes give their decimal value
				double value = (parser.getNumberType() == JsonParser.NumberType.FLOAT) ? parser.getFloatValue()
						: parser.getDoubleValue();
				if (!Double.isFinite(value)) {
					throw new IllegalArgumentException(
							"DynamoDB cannot store the number " + value + "; " + numberProblem(value));
				}
				return number(BigDecimal.valueOf(value));
			}
			default:
				return number(parser.getDecimalValue());
		}
	}

	/**
	 * Says why DynamoDB cannot store a number, if it cannot: NaN and infinite values have no stored form, and a
	 * stored number has at most 38 significant digits and a magnitude from {@code 1E-130} to
	 * {@code 9.9999999999999999999999999999999999999E+125} (or is zero). The one rule for numbers the library
	 * checks before a request (audit metadata included). Internal.
	 * @param number a {@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code Float}, {@code Double},
	 * {@code BigInteger} or {@code BigDecimal}
	 * @return what is wrong with the number, or {@literal null} when DynamoDB stores it as it is
	 */
	public static @Nullable String numberProblem(Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
			return null;
		}
		BigDecimal decimal;
		if (number instanceof Double || number instanceof Float) {
			double value = number.doubleValue();
			if (!Double.isFinite(value)) {
				return "NaN and infinite values have no stored form";
			}
			// the digits the number is written with (the shortest that read back as the same value)
			decimal = new BigDecimal(number.toString());
		}
		else if (number instanceof BigInteger integer) {
			decimal = new BigDecimal(integer);
		}
		else if (number instanceof BigDecimal value) {
			decimal = value;
		}
		else {
			decimal = new BigDecimal(number.toString());
		}
		if (decimal.signum() == 0) {
			return null;
		}
		BigDecimal stripped = decimal.stripTrailingZeros();
		if (stripped.precision() > MAX_DIGITS) {
			return "it has " + stripped.precision() + " significant digits and DynamoDB keeps at most " + MAX_DIGITS
					+ " (round it, e.g. with BigDecimal.round(new MathContext(38)), or store its text)";
		}
		// the power of ten of the first digit: 1.5E+125 has 125, 0.001 has -3
		long exponent = (long) stripped.precision() - stripped.scale() - 1;
		if (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
			return "its magnitude is outside what DynamoDB stores, 1E-130 to 9.9999999999999999999999999999999999999E+125"
					+ " (store its text instead)";
		}
		return null;
	}

	static String number(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		int integerDigits = stripped.precision() - stripped.scale();
		return (integerDigits <= 40 && stripped.scale() <= 40) ? stripped.toPlainString() : stripped.toString();
	}

	/**
	 * Writes an attribute value as JSON tokens: the read path of uncompressed items, which parses an entity from
	 * these tokens without building a JSON tree first. The inverse of {@link #fromJson(JsonNode, boolean)}.
	 * <p>
	 * The tokens are those the storage mapper gets from the same value written as JSON text, so that a property
	 * without a declared type ({@code Object}, {@code Map<String, Object>}, {@code List<Object>}) reads alike
	 * whether its type is compressed or not: a whole number as an {@code Integer}, {@code Long} or
	 * {@code BigInteger} (the smallest that holds it), a number with a fraction or exponent as Jackson reads
	 * one ({@code Double} unless the mapper enables {@code USE_BIG_DECIMAL_FOR_FLOATS}; a declared
	 * {@code BigDecimal} keeps every digit), and binary as its base64 text (a declared {@code byte[]} decodes it).
	 * @param out where the tokens go
	 * @param value the attribute value
	 */
	public static void writeJson(JsonGenerator out, AttributeValue value) {
		if (value.s() != null) {
			out.writeString(value.s());
		}
		else if (value.n() != null) {
			writeNumber(out, value.n());
		}
		else if (value.bool() != null) {
			out.writeBoolean(value.bool());
		}
		else if (value.b() != null) {
			writeBinary(out, value.b());
		}
		else if (value.hasM()) {
			out.writeStartObject();
			for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
				out.writeName(entry.getKey());
				writeJson(out, entry.getValue());
			}
			out.writeEndObject();
		}
		else if (value.hasL()) {
			writeArray(out, value.l(), AttributeValues::writeJson);
		}
		else if (value.hasSs()) {
			writeArray(out, value.ss(), JsonGenerator::writeString);
		}
		else if (value.hasNs()) {
			writeArray(out, value.ns(), AttributeValues::writeNumber);
		}
		else if (value.hasBs()) {
			writeArray(out, value.bs(), AttributeValues::writeBinary);
		}
		else {
			out.writeNull();
		}
	}

	/** Writes a list, a set of strings, of numbers or of binaries as a JSON array of its elements. */
	private static <E> void writeArray(JsonGenerator out, List<E> elements, BiConsumer<JsonGenerator, E> element) {
		out.writeStartArray();
		for (E each : elements) {
			element.accept(out, each);
		}
		out.writeEndArray();
	}

	private static void writeNumber(JsonGenerator out, String number) {
		boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
		if (!integral) {
			// kept as text: the mapper reads it as it reads the number in JSON, exactly for a BigDecimal
			out.writeNumber(number);
		}
		else if (number.length() <= 18) {
			long value = Long.parseLong(number);
			if (value == (int) value) {
				out.writeNumber((int) value);
			}
			else {
				out.writeNumber(value);
			}
		}
		else {
			BigInteger big = new BigInteger(number);
			if (big.bitLength() < 64) {
				out.writeNumber(big.longValue());
			}
			else {
				out.writeNumber(big);
			}
		}
	}

	private static void writeBinary(JsonGenerator out, SdkBytes bytes) {
		// JSON holds binary as base64 text: an untyped property reads that text, a byte[] decodes it
		out.writeString(Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe()));
	}

}
