package dev.singletable.autoconfigure.transaction.accounts;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity.
 *
 * @param id the identifier
 * @param version the version
 * @param owner the owner
 * @param balance the balance
 */
@SingleTableEntity(versioned = true)
public record Account(@Id String id, @Version Long version, String owner, long balance) {

	/**
	 * Returns the account with another balance.
	 * @param balance the balance
	 * @return the changed account
	 */
	public Account withBalance(long balance) {
		return new Account(this.id, this.version, this.owner, balance);
	}

}
