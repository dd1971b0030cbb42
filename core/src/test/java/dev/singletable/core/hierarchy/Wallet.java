package dev.singletable.core.hierarchy;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A hierarchy that gained an index on {@code gsi2} after {@link WalletBefore} wrote its items.
 */
@SingleTableEntity(versioned = true, prefix = "Wallet")
@IndexKey(index = "gsi2", partition = "holder#{holder}")
public sealed interface Wallet permits Wallet.Cash, Wallet.Crypto {

	String id();

	Long version();

	String holder();

	record Cash(@Id String id, @Version Long version, String holder, int amount) implements Wallet {
	}

	record Crypto(@Id String id, @Version Long version, String holder, String coin) implements Wallet {
	}

}
