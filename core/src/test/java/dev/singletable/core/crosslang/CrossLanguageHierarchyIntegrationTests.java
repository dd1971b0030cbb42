package dev.singletable.core.crosslang;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sealed hierarchy shared with {@code simplesingletable} 16.5 (issue 35, item 1): Python reads the items Java
 * writes for each concrete type as its one model {@code CrossPayment}, the discriminator an ordinary field
 * {@code type}; Python's updates, a change of type among them, read back in Java as the right concrete type, by id,
 * in the history, through the root's and a concrete type's queries, and through a backfill over the hierarchy.
 * Skipped with a reason when Python or the library is missing (see {@link PythonLibrary}).
 */
class CrossLanguageHierarchyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension(SharedTable.TABLE);

	@RegisterExtension
	static PythonLibrary python = new PythonLibrary(SharedTable.TABLE);

	private final SharedTable table = new SharedTable(dynamo);

	/** Python {@code CrossPayment}: versioned, compressed, gsi1 by customer. */
	@SingleTableEntity(prefix = "CrossPayment", versioned = true)
	@IndexKey(index = "gsi1", partition = "customer#{customerId}")
	sealed interface CrossPayment permits Card, BankAccount, Voucher {

		String id();

		Long version();

		String customerId();

	}

	record Card(@Id String id, @Version Long version, String customerId, String last4) implements CrossPayment {
	}

	@TypeAlias("bank")
	record BankAccount(@Id String id, @Version Long version, String customerId, String iban) implements CrossPayment {
	}

	record Voucher(@Id String id, @Version Long version, String customerId, Integer cents) implements CrossPayment {
	}

	@Test
	void pythonReadsEachConcreteTypeAsItsModelAndJavaReadsPythonsUpdatesAsTheRightType() {
		SingleTableTemplate template = this.table.template();
		Card card = template.create(new Card(null, null, "x1", "4242"));
		BankAccount account = template.create(new BankAccount(null, null, "x1", "DE89"));

		PythonResource pythonCard = python.get("CrossPayment", card.id());
		assertThat(pythonCard.fields().get("type").asString()).isEqualTo("Card");
		assertThat(pythonCard.fields().get("last4").asString()).isEqualTo("4242");
		assertThat(pythonCard.fields().get("customer_id").asString()).isEqualTo("x1");
		assertThat(python.get("CrossPayment", account.id()).fields().get("type").asString()).isEqualTo("bank");
		assertThat(python.query("CrossPayment", "gsi1", "gsi1pk", "customer#x1")).extracting(PythonResource::id)
			.containsExactlyInAnyOrder(card.id(), account.id());

		python.update("CrossPayment", card.id(), Map.of("last4", "1111"));
		python.update("CrossPayment", account.id(), Map.of("type", "Voucher", "cents", 500));
		String pythonVoucher = python.create("CrossPayment", Map.of("type", "Voucher", "customer_id", "x1", "cents", 90))
			.id();

		assertThat(template.findById(CrossPayment.class, card.id())).contains(new Card(card.id(), 2L, "x1", "1111"));
		assertThat(template.findById(CrossPayment.class, account.id()))
			.contains(new Voucher(account.id(), 2L, "x1", 500));
		assertThat(template.findAllVersions(CrossPayment.class, account.id())).extracting(Object::getClass)
			.containsExactly(Voucher.class, BankAccount.class);
		assertThat(template.findById(Card.class, account.id())).isEmpty();
		List<CrossPayment> all = template.query(CrossPayment.class).index("gsi1").partition("customer#x1").stream()
			.toList();
		assertThat(all).extracting(CrossPayment::id).containsExactlyInAnyOrder(card.id(), account.id(), pythonVoucher);
		assertThat(template.query(Voucher.class).index("gsi1").partition("customer#x1").stream().toList())
			.extracting(Voucher::id)
			.containsExactlyInAnyOrder(account.id(), pythonVoucher);

		BackfillResult run = new SingleTableBackfills(template).reindex(CrossPayment.class, BackfillOptions.defaults());

		assertThat(run.itemsUnchanged()).isEqualTo(3);
		Voucher updated = template.update(new Voucher(pythonVoucher, 1L, "x1", 95));
		assertThat(python.get("CrossPayment", updated.id()).fields().get("cents").asInt()).isEqualTo(95);
	}

}
