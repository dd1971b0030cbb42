package dev.singletable.repository.gizmos;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain {@link Persistable} with assigned ids that says itself whether it is new.
 */
@SingleTableEntity
public class Ping implements Persistable<String> {

	@Id
	private String id;

	private String note;

	@Transient
	@JsonIgnore
	private boolean fresh;

	public Ping() {
	}

	public Ping(String id, String note, boolean fresh) {
		this.id = id;
		this.note = note;
		this.fresh = fresh;
	}

	@Override
	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getNote() {
		return this.note;
	}

	public void setNote(String note) {
		this.note = note;
	}

	@Override
	@JsonIgnore
	public boolean isNew() {
		return this.fresh;
	}

}
