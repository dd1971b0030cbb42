package dev.singletable.core.interop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads items written in DynamoDB JSON ({@code {"pk": {"S": "..."}, "data": {"B": "<base64>"}}}) into
 * {@link AttributeValue}s, and reads the gzip-compressed JSON of a {@code data} attribute, for tests that check
 * the stored layout byte for byte.
 */
final class DynamoDbJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DynamoDbJson() {
	}

	/**
	 * Reads a class path resource holding a JSON array of items.
	 * @param resource the resource path, for example {@code /golden/python-plain.json}
	 * @return the items, in file order
	 */
	static List<Map<String, AttributeValue>> readItems(String resource) {
		try (InputStream in = DynamoDbJson.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("No resource " + resource);
			}
			JsonNode array = JSON.readTree(in);
			if (!array.isArray()) {
				throw new IllegalArgumentException(resource + " does not hold a JSON array of items");
			}
			List<Map<String, AttributeValue>> items = new ArrayList<>();
			for (JsonNode item : array.values()) {
				items.add(item(item));
			}
			return items;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Converts one item in DynamoDB JSON.
	 * @param node a JSON object of attribute name to typed value
	 * @return the item
	 */
	static Map<String, AttributeValue> item(JsonNode node) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> attribute : node.properties()) {
			item.put(attribute.getKey(), value(attribute.getValue()));
		}
		return item;
	}

	/**
	 * Converts one typed value such as {@code {"N": "0.1"}}.
	 * @param node a JSON object with exactly one type key
	 * @return the attribute value
	 */
	static AttributeValue value(JsonNode node) {
		if (!node.isObject() || node.size() != 1) {
			throw new IllegalArgumentException("Not a typed DynamoDB value: " + node);
		}
		Map.Entry<String, JsonNode> typed = node.properties().iterator().next();
		JsonNode content = typed.getValue();
		return switch (typed.getKey()) {
			case "S" -> AttributeValue.fromS(content.stringValue());
			case "N" -> AttributeValue.fromN(content.stringValue());
			case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(content.stringValue())));
			case "BOOL" -> AttributeValue.fromBool(content.booleanValue());
			case "NULL" -> AttributeValue.fromNul(true);
			case "M" -> AttributeValue.fromM(item(content));
			case "L" -> AttributeValue.fromL(content.valueStream().map(DynamoDbJson::value).toList());
			case "SS" -> AttributeValue.fromSs(content.valueStream().map(JsonNode::stringValue).toList());
			case "NS" -> AttributeValue.fromNs(content.valueStream().map(JsonNode::stringValue).toList());
			case "BS" -> AttributeValue.fromBs(content.valueStream()
				.map((element) -> SdkBytes.fromByteArray(Base64.getDecoder().decode(element.stringValue())))
				.toList());
			default -> throw new IllegalArgumentException("Unknown DynamoDB type " + typed.getKey() + " in " + node);
		};
	}

	/**
	 * Compresses JSON text the way the Python library fills {@code data}: {@code gzip.compress(json.encode())}.
	 * @param json the JSON text, as pydantic's {@code model_dump_json()} writes it
	 * @return the binary attribute value
	 */
	static AttributeValue gzip(String json) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			gzip.write(json.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray()));
	}

	/**
	 * Gunzips and parses the {@code data} attribute of a compressed item.
	 * @param item the item
	 * @return the stored JSON object
	 */
	static JsonNode data(Map<String, AttributeValue> item) {
		AttributeValue data = item.get("data");
		if (data == null || data.b() == null) {
			throw new IllegalArgumentException("The item has no binary data attribute: " + item.keySet());
		}
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data.b().asByteArray()))) {
			return JSON.readTree(gzip.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
