package dev.singletable.repository.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import org.springframework.data.annotation.Id;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code @FilterMetadata}: the {@code metadata} map on {@code v0} of a compressed versioned type, what the
 * {@link Filter} builder and {@code @AllowFiltering} methods send to DynamoDB, and the metadata an
 * {@code @UnmappedAttributes} property keeps.
 */
class FilterMetadataIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private IncidentRepository incidents;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.incidents = this.context.getBean(IncidentRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void latestItemCarriesTheDeclaredPropertiesAndHistoryItemsDoNot() {
		Incident created = this.incidents.save(incident("open", 2, "disk full"));
		Incident updated = this.incidents.save(created.with("closed", null));

		Map<String, AttributeValue> v0 = dynamo.storedItem("Incident#" + updated.id(), "v0");
		assertThat(v0.get("metadata").m()).containsOnly(Map.entry("status", AttributeValue.fromS("closed")),
				Map.entry("priority", AttributeValue.fromNul(true)));
		assertThat(v0).containsKey("data").doesNotContainKey("status");
		assertThat(dynamo.storedItem("Incident#" + updated.id(), "v1")).doesNotContainKey("metadata");
		assertThat(dynamo.storedItem("Incident#" + updated.id(), "v2")).doesNotContainKey("metadata");
	}

	@Test
	void filterBuilderResolvesDeclaredPropertiesOfCompressedTypesToTheMetadata() {
		Incident open = this.incidents.save(incident("open", 3, "a"));
		Incident low = this.incidents.save(incident("open", 1, "b"));
		Incident closed = this.incidents.save(incident("closed", 3, "c"));
		this.incidents.save(this.incidents.save(incident("open", 5, "d")).with("closed", 5));
		dynamo.requests().reset();

		List<Incident> found = this.template.query(Incident.class)
			.filter(Filter.property("status").eq("open").and(Filter.property("priority").ge(2)))
			.all();

		assertThat(found).extracting(Incident::id).containsExactly(open.id());
		QueryRequest sent = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(sent.expressionAttributeNames()).containsValues("metadata", "status", "priority");
		assertThat(low.id()).isNotIn(found.stream().map(Incident::id).toList());
		assertThat(closed.id()).isNotIn(found.stream().map(Incident::id).toList());
	}

	@Test
	void filterOnAnUndeclaredPropertyOfACompressedTypeIsRefusedNamingTheAnnotation() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.query(Incident.class).filter(Filter.property("body").eq("x")).all())
			.withMessageContaining("'body'")
			.withMessageContaining("@FilterMetadata");
	}

	@Test
	void allowFilteringMethodsFilterDeclaredPropertiesInDynamoDb() {
		Incident urgent = this.incidents.save(incident("open", 4, "disk"));
		Incident minor = this.incidents.save(incident("open", 1, "disk"));
		Incident other = this.incidents.save(incident("open", 4, "network"));
		this.incidents.save(incident("closed", 4, "disk"));
		dynamo.requests().reset();

		assertThat(this.incidents.findByStatusAndPriorityGreaterThanEqual("open", 2)).extracting(Incident::id)
			.containsExactlyInAnyOrder(urgent.id(), other.id());
		QueryRequest sent = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(sent.filterExpression()).isNotNull();
		assertThat(sent.expressionAttributeNames()).containsValues("metadata", "status", "priority");
		assertThat(this.incidents.countByStatus("open")).isEqualTo(3);

		// status in DynamoDB, body (not in the metadata) after reading
		dynamo.requests().reset();
		assertThat(this.incidents.findByStatusAndBody("open", "disk")).extracting(Incident::id)
			.containsExactlyInAnyOrder(urgent.id(), minor.id());
		QueryRequest mixed = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(mixed.expressionAttributeNames()).containsValues("metadata", "status").doesNotContainValue("body");
	}

	@Test
	void metadataKeptByUnmappedAttributesIsMergedDeclaredKeysWinning() {
		Incident created = this.incidents.save(incident("open", 1, "x"));
		Map<String, AttributeValue> foreign = new LinkedHashMap<>();
		foreign.put("status", AttributeValue.fromS("stale"));
		foreign.put("team", AttributeValue.fromS("ops"));
		dynamo.rawClient().updateItem((request) -> request.tableName(dynamo.tableName())
			.key(Map.of("pk", AttributeValue.fromS("Incident#" + created.id()), "sk", AttributeValue.fromS("v0")))
			.updateExpression("SET #m = :m")
			.expressionAttributeNames(Map.of("#m", "metadata"))
			.expressionAttributeValues(Map.of(":m", AttributeValue.fromM(foreign))));

		Incident read = this.incidents.findById(created.id()).orElseThrow();
		assertThat(read.status()).isEqualTo("open");
		assertThat(this.incidents.findByStatus("stale")).extracting(Incident::id).containsExactly(created.id());
		Incident updated = this.incidents.save(read.with("closed", 2));

		Map<String, AttributeValue> v0 = dynamo.storedItem("Incident#" + updated.id(), "v0");
		assertThat(v0.get("metadata").m()).containsOnly(Map.entry("status", AttributeValue.fromS("closed")),
				Map.entry("priority", AttributeValue.fromN("2")), Map.entry("team", AttributeValue.fromS("ops")));
		assertThat(dynamo.storedItem("Incident#" + updated.id(), "v2")).doesNotContainKey("metadata");
		assertThat(this.incidents.findByStatus("stale")).isEmpty();
	}

	@Test
	void filterMetadataOnAPlainTypeIsRefused() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.template.findById(PlainWithMetadata.class, "1"))
			.withMessageContaining("'status'")
			.withMessageContaining("not versioned");
	}

	private static Incident incident(String status, Integer priority, String body) {
		return new Incident(null, null, null, null, status, priority, body, null);
	}

	@SingleTableEntity
	record PlainWithMetadata(@Id String id, @FilterMetadata String status) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = IncidentRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
