package dev.singletable.core.keys;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain type whose index keys render an enum with a JSON name, a number in a partition key and a number in
 * a Python-style zero-padded sort key.
 */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "color#{color}")
@IndexKey(index = "gsi2", partition = "prio#{priority}")
@IndexKey(index = "gsi3", partition = "batch#{batch}", sort = "{sequence:05d}")
public record Paint(@Id String id, @LastModifiedDate Instant updatedAt, Color color, int priority, String batch,
		int sequence) {

	public enum Color {

		@JsonProperty("green")
		GREEN,

		@JsonProperty("dark-red")
		DARK_RED

	}

}
