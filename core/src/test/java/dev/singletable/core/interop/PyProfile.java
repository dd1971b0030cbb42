package dev.singletable.core.interop;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * The Java side of the Python model {@code PyProfile(DynamoDbResource)} of {@code golden/python-plain.json}: a
 * plain, uncompressed resource (the defaults on both sides) with a nested model, a mixed list, string sets, a
 * float, a date and an optional string. Its camelCase properties match the Python snake_case fields through a
 * snake-case naming strategy.
 */
@SingleTableEntity(prefix = "PyProfile")
public record PyProfile(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
		String displayName, String email, double score, long visits, boolean active, LocalDate birthday,
		String nickname, Set<String> roles, Set<String> badges, Address address, List<Object> history) {

	public PyProfile withDisplayName(String displayName) {
		return new PyProfile(this.id, this.createdAt, this.updatedAt, displayName, this.email, this.score, this.visits,
				this.active, this.birthday, this.nickname, this.roles, this.badges, this.address, this.history);
	}

	/**
	 * The nested Python model {@code Address}.
	 */
	public record Address(String street, String city, String postalCode, Map<String, Double> geo) {
	}

}
