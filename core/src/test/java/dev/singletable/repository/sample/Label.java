package dev.singletable.repository.sample;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed entity whose filters run in DynamoDB.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "color#{color}")
public record Label(@Id String id, @LastModifiedDate Instant updatedAt, String color, String name, int weight,
		Boolean hidden) {

	public static Label of(String color, String name, int weight) {
		return new Label(null, null, color, name, weight, null);
	}

}
