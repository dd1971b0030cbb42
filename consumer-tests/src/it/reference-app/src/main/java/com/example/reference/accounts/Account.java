package com.example.reference.accounts;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@Audited(exclude = "passwordHash", snapshot = true)   // also: include = {...}, fieldChanges = false
public record Account(@Id String id, @Version Long version, @CreatedBy String createdBy,
		@LastModifiedBy String modifiedBy, String email, String passwordHash) {

	public Account withEmail(String email) {
		return new Account(this.id, this.version, this.createdBy, this.modifiedBy, email, this.passwordHash);
	}

}
