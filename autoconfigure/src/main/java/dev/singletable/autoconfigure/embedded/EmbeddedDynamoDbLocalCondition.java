package dev.singletable.autoconfigure.embedded;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.autoconfigure.client.LocalEndpoints;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Matches when the embedded DynamoDB Local should start: {@code singletable.embedded.enabled=true}, or that
 * property unset while neither {@code singletable.endpoint} nor {@code singletable.region} is set and the
 * application defines neither a {@link DynamoDbClient} nor {@link SingleTableConnectionDetails} (for example from
 * a Testcontainers {@code @ServiceConnection}).
 */
class EmbeddedDynamoDbLocalCondition extends AnyNestedCondition {

	/** The property that forces or disables the embedded server. */
	static final String ENABLED_PROPERTY = "singletable.embedded.enabled";

	/**
	 * Creates the condition, evaluated when beans are registered so that application beans are known.
	 */
	EmbeddedDynamoDbLocalCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	/**
	 * Forced by {@code singletable.embedded.enabled=true}.
	 */
	@ConditionalOnBooleanProperty(ENABLED_PROPERTY)
	static final class Forced {

	}

	/**
	 * Nothing says where DynamoDB is.
	 */
	@Conditional(NothingConfiguredCondition.class)
	@ConditionalOnMissingBean({ DynamoDbClient.class, SingleTableConnectionDetails.class })
	static final class NothingConfigured {

	}

	/**
	 * Matches when {@code singletable.embedded.enabled}, {@code singletable.endpoint} and {@code singletable.region}
	 * are all unset.
	 */
	static final class NothingConfiguredCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return LocalEndpoints.nothingConfigured(context.getEnvironment(), "Embedded DynamoDB Local", ENABLED_PROPERTY,
					"singletable.endpoint", "singletable.region");
		}

	}

}
