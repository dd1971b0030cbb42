package dev.singletable.core.contract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A {@link Persistable} type: it says itself whether it is new.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
public class Account implements Persistable<String> {

	@Id
	private String id;

	private String owner;

	@Transient
	@JsonIgnore
	private boolean fresh;

	public Account() {
	}

	public Account(String id, String owner, boolean fresh) {
		this.id = id;
		this.owner = owner;
		this.fresh = fresh;
	}

	@Override
	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getOwner() {
		return this.owner;
	}

	public void setOwner(String owner) {
		this.owner = owner;
	}

	@Override
	@JsonIgnore
	public boolean isNew() {
		return this.fresh;
	}

}
