package dev.singletable.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

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
	void isRegisteredInSpringFactories() {
		// Boot's own analyzers need constructor arguments: skip those that cannot be instantiated here
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, null),
					FailureHandler.handleMessage((message, failure) -> {
			}))).hasAtLeastOneElementOfType(TableSchemaFailureAnalyzer.class);
	}

}
