package com.example.peers;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi3", partition = "tier#{tier}", sort = "{updatedAt}")
@IndexKey(index = "gsi1", partition = "email#{email}")
public record Customer(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String name, String email, Tier tier, Address address) {

	public enum Tier {
		FREE, PRO, ENTERPRISE
	}

	public record Address(String street, String city, String country) {
	}

}
