package dev.singletable.core.internal.template;

import java.lang.reflect.Proxy;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.TemplateParts;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The port that hands out a template's driver: the requests of its plans go through the template's client (and the
 * interceptors on it) to the template's table, and report to none of the template's metrics, as they belong to none
 * of its operations; operations that are no template are refused.
 */
class TemplateExecutorsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void theDriverSendsThroughTheTemplatesClientToItsTableAndReportsToNoneOfItsMetrics() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.setMetrics(new MicrometerSingleTableMetrics(meters));
		Note note = template.create(Note.of("sent"));
		dynamo.requests().reset();

		BlockingDriver driver = TemplateExecutors.of(template);
		GetItemRequest get = GetItemRequest.builder()
			.tableName(template.getTableName())
			.key(Map.of("pk", AttributeValue.fromS("Note#" + note.id()), "sk", AttributeValue.fromS("v0")))
			.consistentRead(true)
			.build();
		Map<String, AttributeValue> item = driver.run(Step.send(new Request.Plain(get),
				(answer) -> Step.done(answer.get(GetItemResponse.class).item())));

		assertThat(template.getTableName()).isEqualTo(dynamo.tableName());
		assertThat(item).containsKey("data");
		assertThat(dynamo.requests().count("GetItem")).as("requests through the template's client").isEqualTo(1);
		assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "create").counter())
			.as("the template's own operations are counted")
			.isNotNull();
		assertThat(meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "unknown").counter())
			.as("a request of no operation is counted for none")
			.isNull();
	}

	@Test
	void eachTemplateHandsOutItsOwnPlansToWhoeverHoldsIt() {
		SingleTableTemplate first = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableTemplate second = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		assertThat(TemplateParts.tablePlans(first)).isSameAs(first.unwrap(TablePlans.class))
			.isNotSameAs(TemplateParts.tablePlans(second));
		assertThat(TemplateParts.tablePlans(second)).isSameAs(second.unwrap(TablePlans.class));
	}

	@Test
	void aTemplateRefusesToUnwrapToATypeItDoesNotHoldNamingTheTypesItHolds() {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		assertThatIllegalArgumentException().isThrownBy(() -> template.unwrap(DynamoDbExecutor.class))
			.withMessageContaining(DynamoDbExecutor.class.getName())
			.withMessageContaining(TemplateExecutors.Port.class.getName())
			.withMessageContaining(TablePlans.class.getName());
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
