package dev.singletable.core.hierarchy;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A sealed hierarchy of three records stored as one versioned entity, indexed by customer on {@code gsi1}.
 */
@SingleTableEntity(versioned = true)
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
public sealed interface PaymentMethod permits PaymentMethod.Card, PaymentMethod.BankAccount, PaymentMethod.Voucher {

	String id();

	Long version();

	String customerId();

	/** A card, stored as {@code Card}. */
	record Card(@Id String id, @Version Long version, String customerId, String last4) implements PaymentMethod {
	}

	/** A bank account, stored as {@code bank} ({@code @TypeAlias}). */
	@TypeAlias("bank")
	record BankAccount(@Id String id, @Version Long version, String customerId, String iban) implements PaymentMethod {
	}

	/** A voucher, stored as {@code Voucher}. */
	record Voucher(@Id String id, @Version Long version, String customerId, int cents) implements PaymentMethod {
	}

}
