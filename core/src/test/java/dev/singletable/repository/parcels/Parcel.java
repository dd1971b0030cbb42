package dev.singletable.repository.parcels;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A parcel, listed by depot on {@code gsi3} in the order of its code.
 */
@SingleTableEntity
@IndexKey(index = "gsi3", partition = "depot#{depot}", sort = "{code}")
public record Parcel(@Id String id, String depot, String code, boolean fragile) {

	public static Parcel of(String depot, String code, boolean fragile) {
		return new Parcel(null, depot, code, fragile);
	}

}
