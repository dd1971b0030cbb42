package dev.singletable.repository.gizmos;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;

import com.fasterxml.jackson.annotation.JsonIgnore;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type whose type index is sorted by its own property, publishing a domain event per save.
 */
@SingleTableEntity
@IndexKey(index = "gsitype", sort = "{score}")
public class Rank {

	@Id
	private String id;

	private String score;

	@Transient
	@JsonIgnore
	private final List<Object> events = new ArrayList<>();

	public Rank() {
	}

	public Rank(String id, String score) {
		this.id = id;
		this.score = score;
		this.events.add("ranked " + score);
	}

	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getScore() {
		return this.score;
	}

	public void setScore(String score) {
		this.score = score;
	}

	@DomainEvents
	Collection<Object> events() {
		return List.copyOf(this.events);
	}

	@AfterDomainEventPublication
	void clearEvents() {
		this.events.clear();
	}

	/** Whether events wait to be published. */
	public boolean hasEvents() {
		return !this.events.isEmpty();
	}

}
