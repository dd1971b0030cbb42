package dev.singletable.repository.memos;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A plain, uncompressed type with a primitive {@code @Version long} and an integer sort key.
 */
@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED)
@IndexKey(index = "gsi4", partition = "book#{book}", sort = "{entry}")
public record Ledger(@Id String id, @Version long version, String book, int entry, String owner) {

	public static Ledger of(String book, int entry) {
		return new Ledger(null, 0, book, entry, null);
	}

	public Ledger withId(String id) {
		return new Ledger(id, this.version, this.book, this.entry, this.owner);
	}

	public Ledger withVersion(long version) {
		return new Ledger(this.id, version, this.book, this.entry, this.owner);
	}

	public Ledger withEntry(int entry) {
		return new Ledger(this.id, this.version, this.book, entry, this.owner);
	}

}
