package dev.singletable.sample;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code singletablemigrations} actuator endpoint over real HTTP, exposed by the sample's
 * {@code application.yml}: the sample's migration, applied at start-up and recorded in the table.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class MigrationsEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	@Value("${singletable.table-name}")
	private String tableName;

	@Test
	void listsTheSampleMigrationAppliedAtStartUp() {
		ResponseEntity<JsonNode> response = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/actuator/singletablemigrations")
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = response.getBody();
		assertThat(body.path("table").asString()).isEqualTo(this.tableName);
		assertThat(body.path("counts").path("SUCCESS").asInt()).isEqualTo(2);
		assertThat(body.path("counts").path("PENDING").asInt()).isZero();
		JsonNode migration = body.path("migrations").get(0);
		assertThat(migration.path("version").asString()).isEqualTo("1");
		assertThat(migration.path("description").asString()).isEqualTo("index comments by article");
		assertThat(migration.path("state").asString()).isEqualTo("SUCCESS");
		assertThat(migration.path("steps").asInt()).isEqualTo(1);
		assertThat(migration.path("currentStep").asString()).isEqualTo("reindex Comment");
		assertThat(migration.path("checksum").asString()).hasSize(24);
		assertThat(migration.path("startedAt").asString()).isNotEmpty();
		assertThat(migration.path("endedAt").asString()).isNotEmpty();
		JsonNode threads = body.path("migrations").get(1);
		assertThat(threads.path("version").asString()).isEqualTo("2");
		assertThat(threads.path("description").asString()).isEqualTo("index articles with their comments");
		assertThat(threads.path("state").asString()).isEqualTo("SUCCESS");
		assertThat(migration.path("holder").isNull() || migration.path("holder").isMissingNode()).isTrue();
	}

}
