package dev.singletable.autoconfigure.transaction.shop;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity.
 *
 * @param id the identifier
 * @param version the version
 * @param item what was ordered
 */
@SingleTableEntity(versioned = true)
public record Order(@Id String id, @Version Long version, String item) {

	/**
	 * Creates an order without an identifier, for the template to assign one.
	 * @param item what is ordered
	 * @return the new order
	 */
	public static Order of(String item) {
		return new Order(null, null, item);
	}

}
