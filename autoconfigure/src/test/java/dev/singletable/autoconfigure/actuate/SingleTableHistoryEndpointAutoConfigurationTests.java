package dev.singletable.autoconfigure.actuate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableHistoryEndpointAutoConfiguration}: the endpoint exists only when exposed, as every
 * actuator endpoint, and answers a type it does not know or that keeps no versions without reading. Its HTTP
 * answers are tested in the sample application ({@code HistoryEndpointIntegrationTests}).
 */
class SingleTableHistoryEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableHistoryEndpointAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=none",
				"singletable.table-name=" + TestTables.uniqueName("history"));

	@Test
	void isOffUnlessExposed() {
		this.contextRunner
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SingleTableHistoryEndpoint.class));
	}

	@Test
	void isCreatedWhenExposedOnTheWeb() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=singletablehistory")
			.run((context) -> {
				assertThat(context).hasSingleBean(SingleTableHistoryEndpoint.class);
				SingleTableHistoryEndpoint endpoint = context.getBean(SingleTableHistoryEndpoint.class);
				WebEndpointResponse<Object> unknown = endpoint.history("Nope", "1");
				assertThat(unknown.getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
				assertThat(unknown.getBody()).asString().contains("Nope");
				WebEndpointResponse<Object> plain = endpoint.history("Gadget", "1");
				assertThat(plain.getStatus()).isEqualTo(WebEndpointResponse.STATUS_BAD_REQUEST);
				assertThat(plain.getBody()).asString().contains("Gadget keeps no versions");
			});
	}

	@Test
	void isNotCreatedWhenDisabled() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=*",
					"management.endpoint.singletablehistory.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SingleTableHistoryEndpoint.class));
	}

}
