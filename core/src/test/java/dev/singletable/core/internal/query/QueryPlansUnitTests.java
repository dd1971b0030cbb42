package dev.singletable.core.internal.query;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.sample.Ticket;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of a query's reads driven with canned answers, as both query executors run them: a page following
 * {@code LastEvaluatedKey}, a count read to its end, the pages of a stream.
 */
class QueryPlansUnitTests {

	private static final String TABLE = "table";

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final QueryPlans plans = new QueryPlans(new QueryReads(TABLE, this.converter, new Timestamps(), null),
			new CursorCodec(CursorSecrets.of(new byte[32])));

	private final QuerySpec tickets = QuerySpec.of(this.converter.getRequiredEntity(Ticket.class));

	@Test
	void aPageFollowsLastEvaluatedKeyUntilTheResultsEnd() {
		Map<String, AttributeValue> first = key("a");
		Map<String, AttributeValue> second = key("b");
		ScriptedDriver driver = answering(page(first), page(second), page(null));

		QueryPage<Ticket> page = driver.run(this.plans.<Ticket>page(this.tickets, null, 10, true, true));

		List<QueryRequest> sent = queries(driver);
		assertThat(sent).hasSize(3);
		assertThat(sent).extracting(QueryRequest::exclusiveStartKey).containsExactly(Map.of(), first, second);
		assertThat(sent).allMatch((request) -> TABLE.equals(request.tableName()) && request.limit() != null);
		assertThat(page.items()).isEmpty();
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void aCountAddsUpEveryPage() {
		QueryRequest request = QueryRequest.builder().tableName(TABLE).select(Select.COUNT).build();
		ScriptedDriver driver = answering(QueryResponse.builder().count(3).lastEvaluatedKey(key("a")).build(),
				QueryResponse.builder().count(4).build());

		assertThat(driver.run(QueryPlans.count(request))).isEqualTo(7L);
		assertThat(queries(driver)).extracting(QueryRequest::exclusiveStartKey).containsExactly(Map.of(), key("a"));
	}

	@Test
	void aStreamsPagesAreUnboundedUntilSomethingBoundsThem() {
		QueryPlans.StreamPages<Ticket> pages = this.plans.stream(this.tickets, null);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(page(key("a"))));

		assertThat(pages.hasNext()).isTrue();
		driver.run(pages.next(Long.MAX_VALUE));
		driver.run(pages.next(20));

		assertThat(queries(driver)).extracting(QueryRequest::limit).containsExactly(null, 20);
		assertThat(queries(driver).get(1).exclusiveStartKey()).isEqualTo(key("a"));
		assertThat(pages.hasNext()).isTrue();
	}

	/** A driver answering the requests with the responses, in order. */
	private static ScriptedDriver answering(QueryResponse... responses) {
		int[] answered = new int[1];
		return new ScriptedDriver((request) -> Answer.of(responses[answered[0]++]));
	}

	private static List<QueryRequest> queries(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class).stream().map((plain) -> (QueryRequest) plain.request()).toList();
	}

	private static QueryResponse page(@Nullable Map<String, AttributeValue> lastEvaluatedKey) {
		QueryResponse.Builder response = QueryResponse.builder().items(List.of()).count(0).scannedCount(0);
		if (lastEvaluatedKey != null) {
			response.lastEvaluatedKey(lastEvaluatedKey);
		}
		return response.build();
	}

	private static Map<String, AttributeValue> key(String value) {
		return Map.of("pk", AttributeValue.fromS("Ticket#" + value), "sk", AttributeValue.fromS("Ticket#" + value),
				"gsitype", AttributeValue.fromS("Ticket"), "gsitypesk", AttributeValue.fromS(value));
	}

}
