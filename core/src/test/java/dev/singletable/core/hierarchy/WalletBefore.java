package dev.singletable.core.hierarchy;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * {@link Wallet} before it had an index.
 */
@SingleTableEntity(versioned = true, prefix = "Wallet")
public sealed interface WalletBefore permits WalletBefore.Cash, WalletBefore.Crypto {

	String id();

	Long version();

	String holder();

	record Cash(@Id String id, @Version Long version, String holder, int amount) implements WalletBefore {
	}

	record Crypto(@Id String id, @Version Long version, String holder, String coin) implements WalletBefore {
	}

}
