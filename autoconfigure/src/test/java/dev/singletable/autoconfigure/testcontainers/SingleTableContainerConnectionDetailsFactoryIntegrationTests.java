package dev.singletable.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;
import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests {@link SingleTableContainerConnectionDetailsFactory} with a DynamoDB Local container; skipped where Docker
 * is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringJUnitConfig
@TestPropertySource(properties = { "singletable.table-name=containers", "singletable.table.create=create-if-missing" })
class SingleTableContainerConnectionDetailsFactoryIntegrationTests {

	@Container
	@ServiceConnection
	static final GenericContainer<?> dynamoDb = new GenericContainer<>("amazon/dynamodb-local:2.6.1")
		.withExposedPorts(8000);

	@Autowired
	private SingleTableConnectionDetails connectionDetails;

	@Autowired
	private SingleTableTemplate template;

	@Autowired
	private ApplicationContext context;

	@Test
	void connectsToTheContainer() {
		assertThat(this.connectionDetails.getEndpoint())
			.hasPort(dynamoDb.getMappedPort(8000))
			.hasHost(dynamoDb.getHost());
		assertThat(this.template.getClient().listTables().tableNames()).contains("containers");
		assertThat(this.context.getBeansOfType(EmbeddedDynamoDbLocal.class)).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SingleTableAutoConfiguration.class)
	static class Config {

	}

}
