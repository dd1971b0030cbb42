package dev.singletable.core.reactive;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.test.DynamoDbLocalExtension;

/**
 * {@link ObservationBehaviourSuite} on the blocking {@link SingleTableTemplate}.
 */
class BlockingObservationBehaviourTests extends ObservationBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

	@Override
	Observed template(@Nullable ObservationRegistry registry, @Nullable SingleTableObservationConvention convention,
			@Nullable SingleTableMetrics metrics) {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.setObservationRegistry(registry);
		template.setObservationConvention(convention);
		template.setMetrics(metrics);
		return new Observed(TemplateOps.blocking(template), ObservedOps.blocking(template));
	}

}
