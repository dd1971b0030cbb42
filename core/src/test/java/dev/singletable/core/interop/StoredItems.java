package dev.singletable.core.interop;

import java.util.List;
import java.util.Map;

import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads items as they are stored, bypassing the template, for the layout and interoperability tests.
 */
final class StoredItems {

	private final DynamoDbLocalExtension dynamo;

	StoredItems(DynamoDbLocalExtension dynamo) {
		this.dynamo = dynamo;
	}

	/**
	 * Reads an item as stored. Plain items the template wrote carry a {@code _version_token} unique to the write
	 * (the Python library round-trips and strips that attribute); it is checked here and left out of the result so
	 * that the layout assertions compare the Python-visible attributes.
	 */
	Map<String, AttributeValue> item(String pk, String sk) {
		Map<String, AttributeValue> item = this.dynamo.storedItem(pk, sk);
		AttributeValue token = item.remove("_version_token");
		if (pk.equals(sk) && token != null) {
			assertThat(token.s()).hasSize(26);
		}
		return item;
	}

	/** The sort keys stored under a partition key, in key order. */
	List<String> sortKeys(String pk) {
		return this.dynamo.sortKeys(pk);
	}

}
