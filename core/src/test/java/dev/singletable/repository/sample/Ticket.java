package dev.singletable.repository.sample;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned, compressed entity with three declared indexes for repository tests.
 */
@SingleTableEntity(versioned = true, maxVersions = 5)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi2", partition = "project#{project}")
@IndexKey(index = "gsi3", partition = "assignee#{assignee}", sort = "{dueDate}")
public record Ticket(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String title, Status status, String project, String assignee,
		LocalDate dueDate, int priority) {

	public static Ticket of(String title, Status status, String project, String assignee, LocalDate dueDate,
			int priority) {
		return new Ticket(null, null, null, null, title, status, project, assignee, dueDate, priority);
	}

	public Ticket withStatus(Status status) {
		return new Ticket(this.id, this.version, this.createdAt, this.updatedAt, this.title, status, this.project,
				this.assignee, this.dueDate, this.priority);
	}

	public enum Status {

		OPEN, CLOSED

	}

}
