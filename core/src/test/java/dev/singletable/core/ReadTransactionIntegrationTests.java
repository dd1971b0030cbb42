package dev.singletable.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.contract.Account;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A read transaction (from issue 14) returns the latest versions and refuses types that are no entities before
 * sending.
 */
class ReadTransactionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private SimpleSingleTableRepository<Shelf> shelves;

	private SimpleSingleTableRepository<Crate> crates;

	private SimpleSingleTableRepository<Account> accounts;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.shelves = repository(Shelf.class);
		this.crates = repository(Crate.class);
		this.accounts = repository(Account.class);
	}

	// ---- transactional reads ---------------------------------------------------------------------------

	@Test
	void aReadTransactionReturnsTheLatestVersionsAndRefusesTypesThatAreNoEntitiesBeforeSending() {
		Shelf shelf = this.template.update(this.template.create(new Shelf("rt-1", null, "a")).withLabel("b"));
		Crate crate = this.template.create(new Crate("rt-2", null, 1, Set.of("a"), List.of()));
		dynamo.requests().reset();

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Shelf.class, shelf.id());
			r.get(Shelf.class, shelf.id());
			r.get(Crate.class, crate.id());
			r.get(Crate.class, "rt-missing");
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactGetItems");
		assertThat(snapshot.get(Shelf.class, shelf.id())).contains(shelf);
		assertThat(snapshot.get(Crate.class, crate.id())).contains(crate);
		assertThat(snapshot.get(Crate.class, "rt-missing")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> snapshot.get(Shelf.class, "rt-other"))
			.withMessageContaining("was not read in this transaction");

		dynamo.requests().reset();
		List<Throwable> failures = new ArrayList<>();
		for (Runnable bad : List.<Runnable>of(() -> this.template.readTransaction((r) -> r.get(String.class, "x")),
				() -> this.template.readTransaction((r) -> r.get(Crate.class, "")),
				() -> this.template.readTransaction((r) -> r.get(Crate.class, null)))) {
			try {
				bad.run();
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
		}
		assertThat(failures).hasSize(3);
		assertThat(dynamo.requests().total()).isZero();
	}

	private <T> SimpleSingleTableRepository<T> repository(Class<T> type) {
		return new SimpleSingleTableRepository<>(this.template.getConverter().getRequiredEntity(type), this.template);
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

}
