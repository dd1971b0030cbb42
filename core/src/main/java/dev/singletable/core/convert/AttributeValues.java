package dev.singletable.core.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts between JSON trees and DynamoDB attribute values the way {@code boto3} does for
 * {@code simplesingletable}: objects as M, arrays as L, numbers as N, strings as S, booleans as BOOL, nulls as
 * NULL and binary as B.
 */
final class AttributeValues {

	static final AttributeValue NULL = AttributeValue.fromNul(true);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private AttributeValues() {
	}

	static AttributeValue fromJson(JsonNode node, boolean omitNulls) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return NULL;
		}
		if (node.isString()) {
			return AttributeValue.fromS(node.stringValue());
		}
		if (node.isNumber()) {
			return AttributeValue.fromN(number(node));
		}
		if (node.isBoolean()) {
			return AttributeValue.fromBool(node.booleanValue());
		}
		if (node.isBinary()) {
			return AttributeValue.fromB(SdkBytes.fromByteArray(node.binaryValue()));
		}
		if (node.isArray()) {
			List<AttributeValue> list = new ArrayList<>(node.size());
			for (JsonNode element : node.values()) {
				list.add(fromJson(element, omitNulls));
			}
			return AttributeValue.fromL(list);
		}
		if (node.isObject()) {
			Map<String, AttributeValue> map = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (omitNulls && entry.getValue().isNull()) {
					continue;
				}
				map.put(entry.getKey(), fromJson(entry.getValue(), omitNulls));
			}
			return AttributeValue.fromM(map);
		}
		if (node.isPojo()) {
			Object pojo = ((tools.jackson.databind.node.POJONode) node).getPojo();
			if (pojo instanceof byte[] bytes) {
				return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
			}
			throw new IllegalArgumentException("Cannot store a value of type "
					+ ((pojo != null) ? pojo.getClass().getName() : "null") + " as a DynamoDB attribute");
		}
		return AttributeValue.fromS(node.asString());
	}

	static String number(JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.bigIntegerValue().toString();
		}
		if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.asDouble())) {
			throw new IllegalArgumentException("DynamoDB cannot store the number " + node.asDouble()
					+ "; NaN and infinite values have no stored form");
		}
		return number(node.decimalValue());
	}

	static String number(BigDecimal value) {
		BigDecimal stripped = value.stripTrailingZeros();
		int integerDigits = stripped.precision() - stripped.scale();
		return (integerDigits <= 40 && stripped.scale() <= 40) ? stripped.toPlainString() : stripped.toString();
	}

	static JsonNode toJson(AttributeValue value) {
		if (value.s() != null) {
			return NODES.stringNode(value.s());
		}
		if (value.n() != null) {
			return numberNode(value.n());
		}
		if (value.bool() != null) {
			return NODES.booleanNode(value.bool());
		}
		if (Boolean.TRUE.equals(value.nul())) {
			return NODES.nullNode();
		}
		if (value.b() != null) {
			return NODES.binaryNode(value.b().asByteArray());
		}
		if (value.hasM()) {
			ObjectNode object = NODES.objectNode();
			value.m().forEach((name, element) -> object.set(name, toJson(element)));
			return object;
		}
		if (value.hasL()) {
			ArrayNode array = NODES.arrayNode();
			value.l().forEach((element) -> array.add(toJson(element)));
			return array;
		}
		if (value.hasSs()) {
			ArrayNode array = NODES.arrayNode();
			value.ss().forEach(array::add);
			return array;
		}
		if (value.hasNs()) {
			ArrayNode array = NODES.arrayNode();
			value.ns().forEach((number) -> array.add(numberNode(number)));
			return array;
		}
		if (value.hasBs()) {
			ArrayNode array = NODES.arrayNode();
			value.bs().forEach((bytes) -> array.add(NODES.binaryNode(bytes.asByteArray())));
			return array;
		}
		return NODES.nullNode();
	}

	static JsonNode numberNode(String number) {
		boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
		if (integral) {
			BigInteger big = new BigInteger(number);
			return (big.bitLength() < 64) ? NODES.numberNode(big.longValue()) : NODES.numberNode(big);
		}
		return NODES.numberNode(new BigDecimal(number));
	}

}
