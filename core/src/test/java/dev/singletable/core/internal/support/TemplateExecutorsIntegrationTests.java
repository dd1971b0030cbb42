package dev.singletable.core.internal.support;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The port that hands out a template's executor: its requests go through the template's client (and the
 * interceptors on it) to the template's table, and report to none of the template's metrics, as they belong to none
 * of its operations; operations that are no template are refused.
 */
class TemplateExecutorsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void theExecutorSendsThroughTheTemplatesClientToItsTableAndReportsToNoneOfItsMetrics() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.setMetrics(new MicrometerSingleTableMetrics(meters));
		Note note = template.create(Note.of("sent"));
		dynamo.requests().reset();

		DynamoDbExecutor executor = TemplateExecutors.of(template);
		Optional<Map<String, AttributeValue>> item = executor.getItem(
				Map.of("pk", AttributeValue.fromS("Note#" + note.id()), "sk", AttributeValue.fromS("v0")), true);

		assertThat(executor.getTableName()).isEqualTo(dynamo.tableName());
		assertThat(item).isPresent();
		assertThat(dynamo.requests().count("GetItem")).as("requests through the template's client").isEqualTo(1);
		assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "create").counter())
			.as("the template's own operations are counted")
			.isNotNull();
		assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "unknown").counter())
			.as("a request of no operation is counted for none")
			.isNull();
	}

	@Test
	void operationsThatAreNoTemplateAreRefusedNamingThem() {
		SingleTableOperations operations = (SingleTableOperations) Proxy.newProxyInstance(
				getClass().getClassLoader(), new Class<?>[] { SingleTableOperations.class },
				(proxy, method, args) -> "toString".equals(method.getName()) ? "hand-made operations" : null);

		assertThatIllegalArgumentException().isThrownBy(() -> TemplateExecutors.of(operations))
			.withMessageContaining("hand-made operations")
			.withMessageContaining("is no SingleTableTemplate");
	}

}
