package dev.singletable.autoconfigure.diagnostics;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import dev.singletable.autoconfigure.TestTables;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.core.schema.TableSchemaException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TableSchemaFailureAnalyzer}.
 */
class TableSchemaFailureAnalyzerTests {

	@Test
	void describesEveryProblemAndTheProperties() {
		TableSchemaException cause = new TableSchemaException("orders",
				List.of("index 'gsitype' is missing (HASH gsitype, RANGE gsitypesk)", "index 'by-owner' is missing"));
		FailureAnalysis analysis = new TableSchemaFailureAnalyzer(null)
			.analyze(new BeanCreationException("singleTableSchemaInitializer", "failed", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("The DynamoDB table 'orders'")
			.contains("\n    - index 'gsitype' is missing (HASH gsitype, RANGE gsitypesk)")
			.contains("\n    - index 'by-owner' is missing");
		assertThat(analysis.getAction()).contains("singletable.table.create=create-if-missing")
			.contains("singletable.table.create=none");
		assertThat(analysis.getCause()).isSameAs(cause);
	}

	@Test
	void aMissingIndexOfAnExistingTableIsAddedByCreateIfMissing() {
		String table = TestTables.uniqueName("schema-new-index");
		SingleTableSchema.standard(table).createIfMissing(TestTables.client());
		TableSchemaException cause = validationFailure(
				SingleTableSchema.standard(table).withIndexes(List.of(new TableIndex("by-owner", "byownerpk", null))));
		FailureAnalysis analysis = new TableSchemaFailureAnalyzer(
				new MockEnvironment().withProperty("singletable.table.create", "validate"))
			.analyze(new BeanCreationException("singleTableSchemaInitializer", "failed", cause));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("index 'by-owner' is missing (HASH byownerpk)");
		assertThat(analysis.getAction()).contains("set singletable.table.create=create-if-missing")
			.contains("adds the missing indexes to an existing table")
			.doesNotContain("to let the application create a missing table");
	}

	@Test
	void anIndexWithOtherKeysIsNotFixedByATableCreationMode() {
		String table = TestTables.uniqueName("schema-other-keys");
		SingleTableSchema.standard(table)
			.withIndexes(List.of(new TableIndex("by-owner", "ownerpk", null)))
			.createIfMissing(TestTables.client());
		TableSchemaException cause = validationFailure(
				SingleTableSchema.standard(table).withIndexes(List.of(new TableIndex("by-owner", "byownerpk", "byownersk"))));
		FailureAnalysis analysis = new TableSchemaFailureAnalyzer(
				new MockEnvironment().withProperty("singletable.table.create", "create-if-missing"))
			.analyze(cause);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("index 'by-owner' must have HASH byownerpk, RANGE byownersk");
		assertThat(analysis.getAction()).contains("cannot change the keys")
			.contains("delete the index and create it again")
			.doesNotContain("set singletable.table.create=create-if-missing");
	}

	private static TableSchemaException validationFailure(SingleTableSchema schema) {
		try {
			schema.validate(TestTables.client());
		}
		catch (TableSchemaException ex) {
			return ex;
		}
		throw new AssertionError("the table fits " + schema);
	}

	@Test
	void isRegisteredInSpringFactories() {
		// Boot's own analyzers need constructor arguments: skip those that cannot be instantiated here
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, null),
					FailureHandler.handleMessage((message, failure) -> {
			}))).hasAtLeastOneElementOfType(TableSchemaFailureAnalyzer.class);
	}

}
