package dev.singletable.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

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
			ConditionMessage.Builder message = ConditionMessage.forCondition("Embedded DynamoDB Local");
			Environment environment = context.getEnvironment();
			if (environment.containsProperty(ENABLED_PROPERTY)) {
				return ConditionOutcome.noMatch(message.because(ENABLED_PROPERTY + " is set"));
			}
			for (String property : new String[] { "singletable.endpoint", "singletable.region" }) {
				if (StringUtils.hasText(environment.getProperty(property))) {
					return ConditionOutcome.noMatch(message.found("property").items(property));
				}
			}
			return ConditionOutcome.match(message.because("neither singletable.endpoint nor singletable.region is set"));
		}

	}

}
