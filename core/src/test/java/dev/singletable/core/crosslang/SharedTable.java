package dev.singletable.core.crosslang;

import java.util.List;
import java.util.Map;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * The Java side of a table shared with the Python library: a template whose storage mapper matches the Python
 * field names (snake case), and raw reads of what is stored.
 */
final class SharedTable {

	/** The table both sides use; the Python driver creates it. */
	static final String TABLE = "crosslang";

	private final DynamoDbLocalExtension dynamo;

	SharedTable(DynamoDbLocalExtension dynamo) {
		this.dynamo = dynamo;
	}

	SingleTableTemplate template() {
		return template(MappingDefaults.NONE);
	}

	/** The template, with global mapping defaults such as a compression level. */
	SingleTableTemplate template(MappingDefaults defaults) {
		return new SingleTableTemplate(this.dynamo.client(), this.dynamo.tableName(), new MappingSingleTableConverter(
				new SingleTableMappingContext(defaults),
				StorageJsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()));
	}

	/** The stored item, read consistently, or an empty map. */
	Map<String, AttributeValue> item(String pk, String sk) {
		return this.dynamo.storedItem(pk, sk);
	}

	/** The sort keys stored under a partition key, in key order. */
	List<String> sortKeys(String pk) {
		return this.dynamo.sortKeys(pk);
	}

}
