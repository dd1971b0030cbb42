package dev.singletable.core;

import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;

/**
 * The types and helpers the transaction tests share: a versioned type ({@link Shelf}), plain types with atomic
 * attributes ({@link Crate} with a version, {@link Bin} without), an audited versioned type ({@link Ledger}), a
 * repository over a template and the count of write requests.
 */
final class TransactionFixtures {

	/** The operations that write. */
	private static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
			"BatchWriteItem");

	private TransactionFixtures() {
	}

	/**
	 * Returns a repository of the type over the template.
	 * @param <T> the type
	 * @param template the template
	 * @param type the entity type
	 * @return the repository
	 */
	static <T> SimpleSingleTableRepository<T> repository(SingleTableTemplate template, Class<T> type) {
		return new SimpleSingleTableRepository<>(template.getConverter().getRequiredEntity(type), template);
	}

	/**
	 * Returns how many write requests the counted client of the extension sent since its last reset.
	 * @param dynamo the extension
	 * @return the number of writes
	 */
	static long writes(DynamoDbLocalExtension dynamo) {
		return dynamo.requests().operations().stream().filter(WRITES::contains).count();
	}

	/**
	 * Creates a document and updates it until it has the version.
	 * @param template the template
	 * @param version the version the document ends at
	 * @return the document at that version, its text the version number
	 */
	static Document documentAtVersion(SingleTableTemplate template, int version) {
		Document document = template.create(Document.of("1"));
		for (int i = 2; i <= version; i++) {
			document = template.update(document.withText(Integer.toString(i)));
		}
		return document;
	}

	/** A versioned, uncompressed type. */
	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Shelf(@Id String id, @Version Long version, String label) {

		Shelf withLabel(String label) {
			return new Shelf(this.id, this.version, label);
		}

	}

	/** A plain type with a version: atomic changes apply and bump it. */
	@SingleTableEntity
	record Crate(@Id String id, @Version Long version, long qty, Set<String> tags, List<String> log) {

		Crate withQty(long qty) {
			return new Crate(this.id, this.version, qty, this.tags, this.log);
		}

	}

	/** A plain type with a counter, a set and a list. */
	@SingleTableEntity
	record Bin(@Id String id, long qty, Set<String> tags, List<String> log) {
	}

	/** An audited versioned type: each write adds an audit row to its items. */
	@SingleTableEntity(versioned = true)
	@Audited
	record Ledger(@Id String id, @Version Long version, String text) {

		Ledger withText(String text) {
			return new Ledger(this.id, this.version, text);
		}

	}

}
