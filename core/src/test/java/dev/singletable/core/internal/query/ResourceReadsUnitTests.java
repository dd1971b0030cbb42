package dev.singletable.core.internal.query;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The reads by type and id both templates plan ({@link ResourceReads}): what they require of the type and the id is
 * refused before a request is planned, and the reads that pass send the keys the id names. Driven with canned
 * answers: no server and no client.
 */
class ResourceReadsUnitTests {

	private final ResourceReads reads = new ResourceReads("reads",
			new MappingSingleTableConverter(new SingleTableMappingContext()), new Timestamps(),
			new VersionRetention("reads"), true, null);

	@Test
	void theVersionsOfAPlainTypeAreRefusedNamingTheTypeAndTheAnnotationThatKeepsThem() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.reads.findVersion(Plain.class, "p1", 1))
			.withMessageContaining("Plain is not versioned")
			.withMessageContaining("@SingleTableEntity(versioned = true)");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.reads.findAllVersions(Plain.class, "p1"))
			.withMessageContaining("Plain is not versioned");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.reads.findVersionSummaries(Plain.class, "p1"))
			.withMessageContaining("Plain is not versioned");
	}

	@Test
	void aTypeThatIsNotASingletonIsNotReadAsOne() {
		assertThatExceptionOfType(SingletonUsageException.class)
			.isThrownBy(() -> this.reads.findSingleton(Plain.class))
			.withMessageContaining("Plain")
			.withMessageContaining("singleton = true");
	}

	@Test
	void anInvalidIdIsRefusedBeforeAnythingIsPlanned() {
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.reads.findLatest(Plain.class, ""))
			.withMessageContaining("Plain");
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> this.reads.findVersion(Versioned.class, "bell\u0007", 1))
			.withMessageContaining("control character");
	}

	@Test
	void aVersionOfAVersionedTypeIsReadByItsKey() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().build()));

		assertThat(driver.run(this.reads.findVersion(Versioned.class, "v1", 3))).isNull();

		assertThat(driver.sent()).singleElement().isInstanceOfSatisfying(Request.Plain.class, (plain) -> {
			GetItemRequest get = (GetItemRequest) plain.request();
			assertThat(get.tableName()).isEqualTo("reads");
			assertThat(get.key()).containsEntry("pk", AttributeValue.fromS("Versioned#v1"))
				.containsEntry("sk", AttributeValue.fromS("v3"));
		});
	}

	@SingleTableEntity
	public static class Plain {

		@Id
		public String id;

	}

	@SingleTableEntity(versioned = true)
	public static class Versioned {

		@Id
		public String id;

		@Version
		public Long version;

		@CreatedDate
		public Instant createdAt;

		@LastModifiedDate
		public Instant updatedAt;

	}

}
