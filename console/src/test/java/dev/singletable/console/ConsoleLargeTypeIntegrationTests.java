package dev.singletable.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import dev.singletable.console.fixtures.Task;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.RequestCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A type of 10,000 resources (written with batch writes): the console's first page of it is one {@code Query} of the
 * type index asking for one page, whatever the size of the type. The page's server time is a benchmark row
 * (docs/BENCHMARKS.md), not timed here.
 */
class ConsoleLargeTypeIntegrationTests {

	static final int RESOURCES = 10_000;

	private final RequestCounter requests = new RequestCounter();

	@Test
	void theFirstPageOfATypeOf10000ResourcesIsOneQueryOfTheTypeIndex() {
		ConsoleTests.mvcWithoutSecurity(this.requests)
			// with the cursor secret configured: else the application's first cursor ever reads and stores the table's
			// own secret once (a GetItem and a PutItem), which is no cost of the page
			.withPropertyValues(ConsoleTests.properties(ConsoleTests.uniqueTable("large"),
					"singletable.cursor-secret=console-tests-cursor-secret"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				List<Task> batch = new ArrayList<>();
				for (int i = 0; i < RESOURCES; i++) {
					batch.add(new Task(String.format("task-%05d", i), "owner-" + (i % 100), "task " + i));
					if (batch.size() == 500) {
						template.putAll(batch);
						batch.clear();
					}
				}
				MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
				this.requests.reset();
				MockHttpServletResponse page = mvc.perform(get(URI.create("/singletable/types/Task")))
					.andReturn()
					.getResponse();
				assertThat(page.getStatus()).isEqualTo(200);
				assertThat(this.requests.calledOperations()).containsExactly("Query");
				QueryRequest query = this.requests.sent(QueryRequest.class).get(0);
				assertThat(query.indexName()).isEqualTo("gsitype");
				// one page of 25 and one item more, which tells whether there is a next page: never the type
				assertThat(query.limit()).isEqualTo(26);
				assertThat(query.scanIndexForward()).isFalse();
				assertThat(page.getContentAsString().split("class=\"resource-row\"", -1)).hasSize(26);
				assertThat(page.getContentAsString()).contains("id=\"next-page\"");
			});
	}

}
