package dev.singletable.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Observability settings of the single-table DynamoDB support, bound from {@code singletable.metrics.*}.
 *
 * @param enabled Whether to observe template operations ('singletable.operation' timer) and count consumed capacity,
 * conflicts, retries and unprocessed batch items, when Micrometer is present. Counting consumed capacity makes every
 * request ask DynamoDB for it ('ReturnConsumedCapacity TOTAL').
 */
@ConfigurationProperties("singletable.metrics")
public record SingleTableMetricsProperties(@DefaultValue("true") boolean enabled) {

}
