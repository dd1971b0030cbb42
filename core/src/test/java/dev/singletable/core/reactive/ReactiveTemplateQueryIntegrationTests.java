package dev.singletable.core.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Queries started by the {@link ReactiveSingleTableTemplate}: its cursor secret and drift guard are the ones its
 * queries use, so with the blocking template's secret a cursor passes between the two templates, and with another
 * it is refused.
 */
class ReactiveTemplateQueryIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private DynamoDbAsyncClient client;

	private SingleTableTemplate blocking;

	private ReactiveSingleTableTemplate reactive;

	@BeforeEach
	void setUp() {
		this.client = DynamoDbLocal.newAsyncClient();
		this.blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.reactive = new ReactiveSingleTableTemplate(this.client, dynamo.tableName(), this.blocking.getConverter());
		this.blocking.putAll(IntStream.range(0, 9)
			.mapToObj((i) -> Task.of("t" + i, Status.OPEN, "ann", LocalDate.of(2025, 1, 1).plusDays(i), i))
			.toList());
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void cursorsPassBetweenTemplatesSharingASecretAndNotOtherwise() {
		byte[] secret = "shared-secret-of-the-fleet".getBytes(StandardCharsets.UTF_8);
		this.blocking.setCursorSecret(secret);
		this.reactive.setCursorSecret(secret);
		QueryPage<Task> first = this.blocking.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page();
		QueryPage<Task> second = this.reactive.query(Task.class)
			.index("gsi1")
			.partition("status#OPEN")
			.limit(4)
			.page(first.nextCursor())
			.block(WAIT);
		assertThat(second.items()).hasSize(4).doesNotContainAnyElementsOf(first.items());
		QueryPage<Task> third = this.blocking.query(Task.class)
			.index("gsi1")
			.partition("status#OPEN")
			.limit(4)
			.page(second.nextCursor());
		assertThat(third.items()).hasSize(1);
		assertThat(third.nextCursor()).isNull();

		this.reactive.setCursorSecret("another-secret".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.reactive.query(Task.class)
			.index("gsi1")
			.partition("status#OPEN")
			.limit(4)
			.page(first.nextCursor())
			.block(WAIT));
	}

	@Test
	void queryAnyReadsEachItemAsItsOwnTypeAndTheDriftGuardRefusesADriftedIndex() {
		List<Object> all = this.reactive.queryAny(Task.class).index("gsi3").partition("owner#ann").all()
			.collectList()
			.block(WAIT);
		assertThat(all).hasSize(9).allMatch(Task.class::isInstance);

		this.reactive.setIndexDriftGuard((type, index) -> "gsi3".equals(index)
				? new IndexDrift(type, "Task", index, "its sort template changed", "reindex gsi3") : null);
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> this.reactive.query(Task.class).index("gsi3").partition("owner#ann").all()
				.blockLast(WAIT))
			.withMessageContaining("reindex gsi3");
		this.reactive.setIndexDriftAction(IndexDriftAction.WARN);
		assertThat(this.reactive.query(Task.class).index("gsi3").partition("owner#ann").count().block(WAIT))
			.isEqualTo(9L);
	}

}
