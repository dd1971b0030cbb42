package dev.singletable.autoconfigure.actuate;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.repo.Widget;
import dev.singletable.autoconfigure.data.repo.WidgetPackage;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history endpoint's answers against DynamoDB Local (from issue 16 item 7): the versions of a resource
 * and the differences between two of them as the endpoint answers them, and the 404 and 400 answers for what does
 * not exist or cannot be asked.
 */
class HistoryEndpointResponsesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableHistoryEndpointAutoConfiguration.class))
		.withUserConfiguration(WidgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table-name=" + TestTables.uniqueName("history-endpoint"), "singletable.table.create=create-if-missing",
				"management.endpoints.web.exposure.include=singletablehistory");

	@Test
	void showsTheVersionsNewestFirstAndTheFieldsThatDifferBetweenTwoOfThem() {
		this.contextRunner.run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			SingleTableHistoryEndpoint endpoint = context.getBean(SingleTableHistoryEndpoint.class);
			Widget v1 = template.create(new Widget(null, null, null, "red"));
			Widget v2 = template.update(new Widget(v1.id(), v1.version(), v1.updatedAt(), "green"));
			template.update(new Widget(v2.id(), v2.version(), v2.updatedAt(), "blue"));

			WebEndpointResponse<Object> history = endpoint.history("Widget", v1.id());
			assertThat(history.getStatus()).isEqualTo(200);
			List<VersionSummary> versions = ((SingleTableHistoryEndpoint.History) history.getBody()).versions();
			assertThat(versions).extracting(VersionSummary::version).containsExactly(3L, 2L, 1L);
			assertThat(versions).extracting(VersionSummary::latest).containsExactly(true, false, false);

			WebEndpointResponse<Object> diff = endpoint.diff("Widget", v1.id(), "diff", 1, 3);
			assertThat(diff.getStatus()).isEqualTo(200);
			Map<String, Map<String, Object>> changes = ((SingleTableHistoryEndpoint.Diff) diff.getBody()).changes();
			assertThat(changes).containsOnlyKeys("color");
			assertThat(changes.get("color")).containsEntry("old", "red").containsEntry("new", "blue");

			WebEndpointResponse<Object> same = endpoint.diff("Widget", v1.id(), "diff", 2, 2);
			assertThat(((SingleTableHistoryEndpoint.Diff) same.getBody()).changes()).isEmpty();
		});
	}

	@Test
	void answers404ForAnUnknownTypeIdVersionOrViewAnd400ForAnInvalidRequest() {
		this.contextRunner.run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			SingleTableHistoryEndpoint endpoint = context.getBean(SingleTableHistoryEndpoint.class);
			Widget widget = template.create(new Widget(null, null, null, "red"));

			assertThat(endpoint.history("Sprocket", widget.id()).getStatus()).isEqualTo(404);
			assertThat(endpoint.history("Widget", "missing").getStatus()).isEqualTo(404);
			assertThat(endpoint.diff("Widget", "missing", "diff", 1, 2).getStatus()).isEqualTo(404);
			WebEndpointResponse<Object> noVersion = endpoint.diff("Widget", widget.id(), "diff", 1, 7);
			assertThat(noVersion.getStatus()).isEqualTo(404);
			assertThat(noVersion.getBody()).asString().contains("7");
			assertThat(endpoint.diff("Widget", widget.id(), "patch", 1, 1).getStatus()).isEqualTo(404);
			assertThat(endpoint.diff("Widget", widget.id(), "diff", 0, 1).getStatus()).isEqualTo(400);
			assertThat(endpoint.history("Widget", "a\u0001b").getStatus()).isEqualTo(400);
		});
	}

}
