package com.example.peers;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

@Document
public record Customer(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
		@LastModifiedDate Instant updatedAt, String name, @Indexed String email, @Indexed Tier tier,
		Address address) {

	public enum Tier {
		FREE, PRO, ENTERPRISE
	}

	public record Address(String street, String city, String country) {
	}

}
