package dev.singletable.core;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filter metadata (from issue 16) follows partial updates and restores, and dates and enums in it compare as their
 * values are stored.
 */
class FilterMetadataWritesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	private String auditor = "alice";

	@BeforeEach
	void setUp() {
		this.template = BlobAndAuditFixtures.template(dynamo, s3, () -> this.auditor);
	}

	// ---- filter metadata ------------------------------------------------------------------------------------

	@Test
	void filterMetadataFollowsPartialUpdatesAndRestores() {
		Ticket v1 = this.template.create(new Ticket(null, null, "open", "x"));
		Ticket v2 = this.template.update(v1, Changes.set("status", "closed"));
		assertThat(statuses("closed")).containsExactly(v1.id());

		this.template.restoreVersion(Ticket.class, v1.id(), 1);
		assertThat(statuses("open")).containsExactly(v1.id());
		assertThat(statuses("closed")).isEmpty();

		this.template.update(this.template.getById(Ticket.class, v1.id()), Changes.clearing("status"));
		assertThat(this.template.query(Ticket.class).filter(Filter.property("status").eq(null)).all())
			.extracting(Ticket::id)
			.containsExactly(v1.id());
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void filterMetadataOfDatesAndEnumsComparesAsTheValuesAreStored() {
		Instant noon = Instant.parse("2025-06-01T12:00:00Z");
		Deadline early = this.template.create(new Deadline(null, null, noon.minusSeconds(3600), Level.LOW));
		Deadline late = this.template.create(new Deadline(null, null, noon.plusSeconds(3600), Level.HIGH));
		this.template.create(new Deadline(null, null, null, Level.HIGH));

		assertThat(this.template.query(Deadline.class).filter(Filter.property("due").lt(noon)).all())
			.extracting(Deadline::id)
			.containsExactly(early.id());
		assertThat(this.template.query(Deadline.class)
			.filter(Filter.property("level").eq(Level.HIGH).and(Filter.property("due").ge(noon)))
			.all()).extracting(Deadline::id).containsExactly(late.id());
	}

	private List<String> statuses(String status) {
		return this.template.query(Ticket.class)
			.filter(Filter.property("status").eq(status))
			.all()
			.stream()
			.map(Ticket::id)
			.toList();
	}

	// ---- helpers --------------------------------------------------------------------------------------------

	enum Level {

		LOW, HIGH

	}

	@SingleTableEntity(versioned = true)
	record Deadline(@Id String id, @Version Long version, @FilterMetadata Instant due, @FilterMetadata Level level) {
	}

	@SingleTableEntity(versioned = true)
	record Ticket(@Id String id, @Version Long version, @FilterMetadata String status, String body) {
	}

}
