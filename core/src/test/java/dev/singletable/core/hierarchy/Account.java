package dev.singletable.core.hierarchy;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An audited abstract hierarchy, not sealed: it lists its concrete types and names its discriminator {@code kind}.
 */
@Audited
@SingleTableEntity(versioned = true, discriminator = "kind", subtypes = { Account.Personal.class, Account.Business.class })
public abstract class Account {

	@Id
	private String id;

	@Version
	private Long version;

	private String owner;

	protected Account(String id, Long version, String owner) {
		this.id = id;
		this.version = version;
		this.owner = owner;
	}

	public String getId() {
		return this.id;
	}

	public Long getVersion() {
		return this.version;
	}

	public String getOwner() {
		return this.owner;
	}

	/** A personal account. */
	public static class Personal extends Account {

		private final String nickname;

		public Personal(String id, Long version, String owner, String nickname) {
			super(id, version, owner);
			this.nickname = nickname;
		}

		public String getNickname() {
			return this.nickname;
		}

	}

	/** A business account. */
	public static class Business extends Account {

		private final String vatNumber;

		public Business(String id, Long version, String owner, String vatNumber) {
			super(id, version, owner);
			this.vatNumber = vatNumber;
		}

		public String getVatNumber() {
			return this.vatNumber;
		}

	}

}
