package dev.singletable.evolution;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.hierarchy.Wallet;
import dev.singletable.core.hierarchy.WalletBefore;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drift detection of a sealed hierarchy on DynamoDB Local: the hierarchy is recorded once, as its root, its record
 * covering every concrete type's fields; an index added to it while items are stored is a drift of the root, which
 * queries of the root and of a concrete type alike are refused for until the backfill that fixes it ran.
 */
class HierarchyDefinitionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-hierarchy-definitions");

	private static SingleTableTemplate application(Class<?> type) {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		return template;
	}

	@Test
	void aHierarchyIsRecordedAsItsRootAndAnIndexAddedToItDrifts() {
		SingleTableTemplate first = application(WalletBefore.class);
		DriftReport firstReport = new SingleTableDefinitions(first).check();
		first.create(new WalletBefore.Cash("d1", null, "h1", 5));

		assertThat(firstReport.recorded()).containsExactly(WalletBefore.class);
		Map<String, AttributeValue> record = dynamo.storedItem("_INTERNAL#Definitions", "Wallet");
		assertThat(record.get("fields").l()).extracting(AttributeValue::s)
			.contains("amount", "coin", "holder", "resource_id", "version");

		SingleTableTemplate second = application(Wallet.Cash.class);
		SingleTableDefinitions definitions = new SingleTableDefinitions(second);
		second.setIndexDriftGuard(definitions);
		DriftReport report = definitions.check();

		assertThat(report.drifts()).extracting(TypeDrift::type).containsOnly(Wallet.class);
		assertThat(report.drifts()).extracting(TypeDrift::subject).contains("gsi2");
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(Wallet.Cash.class).index("gsi2").partition("holder#h1").stream().toList());
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(Wallet.class).index("gsi2").partition("holder#h1").stream().toList());
	}

}
