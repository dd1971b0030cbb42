package dev.singletable.console.showcase;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A sealed, versioned hierarchy: one stored type whose resources are cards or transfers.
 */
@SingleTableEntity(prefix = "Payment", versioned = true)
@IndexKey(index = "gsi1", partition = "customer#{customer}")
public sealed interface Payment permits Payment.Card, Payment.Transfer {

	String id();

	Long version();

	String customer();

	/** A card payment. */
	record Card(@Id String id, @Version Long version, String customer, String last4) implements Payment {
	}

	/** A bank transfer. */
	record Transfer(@Id String id, @Version Long version, String customer, String iban) implements Payment {
	}

}
