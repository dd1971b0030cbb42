package dev.singletable.internal.format;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * The conversion of a JSON tree to attribute values written node by node, as the library converted trees before
 * every form of {@link AttributeValues} became its one token conversion: the reference the tests hold that
 * conversion to, kept apart from the code it checks.
 */
public final class TreeAttributesReference {

	private TreeAttributesReference() {
	}

	/**
	 * Converts a tree node by node.
	 * @param node the tree
	 * @param omitNulls whether an object's null fields are left out
	 * @return the attribute value
	 */
	public static AttributeValue of(JsonNode node, boolean omitNulls) {
		if (node.isNull() || node.isMissingNode()) {
			return AttributeValue.fromNul(true);
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
			List<AttributeValue> list = new ArrayList<>();
			node.values().forEach((element) -> list.add(of(element, omitNulls)));
			return AttributeValue.fromL(list);
		}
		if (node.isObject()) {
			Map<String, AttributeValue> map = new LinkedHashMap<>();
			node.properties().forEach((entry) -> {
				if (!omitNulls || !entry.getValue().isNull()) {
					map.put(entry.getKey(), of(entry.getValue(), omitNulls));
				}
			});
			return AttributeValue.fromM(map);
		}
		if (node instanceof POJONode pojo && pojo.getPojo() instanceof byte[] bytes) {
			return AttributeValue.fromB(SdkBytes.fromByteArray(bytes));
		}
		throw new IllegalArgumentException("no attribute for " + node);
	}

	private static String number(JsonNode node) {
		if (node.isIntegralNumber()) {
			return node.bigIntegerValue().toString();
		}
		if (!Double.isFinite(node.asDouble())) {
			throw new IllegalArgumentException("DynamoDB cannot store the number " + node.asDouble());
		}
		BigDecimal stripped = node.decimalValue().stripTrailingZeros();
		int integerDigits = stripped.precision() - stripped.scale();
		return (integerDigits <= 40 && stripped.scale() <= 40) ? stripped.toPlainString() : stripped.toString();
	}

}
