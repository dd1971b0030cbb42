package com.example.reference.evolving;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi2", partition = "owner#{owner}")   // new: the stored devices have no gsi2pk yet
public record Device(@Id String id, @Version Long version, String owner, String name, String status) {

	public Device withStatus(String status) {
		return new Device(this.id, this.version, this.owner, this.name, status);
	}

}
