package dev.singletable.core.hierarchy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.annotation.Id;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.UnknownSubtypeException;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.hierarchy.PaymentMethod.BankAccount;
import dev.singletable.core.hierarchy.PaymentMethod.Card;
import dev.singletable.core.hierarchy.PaymentMethod.Voucher;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A sealed hierarchy of three records stored as one entity on DynamoDB Local (issue 35, item 1): versions switching
 * subtype, history read back typed, conflicts, restore of a version of another subtype, queries by the root and by a
 * subtype, and an item whose discriminator names no subtype.
 */
class HierarchyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-hierarchy");

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void eachSubtypeIsStoredUnderTheRootsPrefixWithItsDiscriminator() {
		Card card = this.template.create(new Card("p1", null, "c1", "4242"));

		Map<String, AttributeValue> latest = dynamo.storedItem("PaymentMethod#p1", "v0");
		assertThat(latest.get("gsitype").s()).isEqualTo("PaymentMethod");
		assertThat(latest.get("type").s()).isEqualTo("Card");
		assertThat(latest.get("gsi1pk").s()).isEqualTo("customer#c1");
		assertThat(card.version()).isEqualTo(1L);
		assertThat(this.template.findById(PaymentMethod.class, "p1")).contains(card);
		assertThat(this.template.findById(Card.class, "p1")).contains(card);
		assertThat(this.template.findById(Voucher.class, "p1")).isEmpty();
		var snapshot = this.template.readTransaction((reads) -> {
			reads.get(PaymentMethod.class, "p1");
			reads.get(Voucher.class, "p1");
		});
		assertThat(snapshot.get(PaymentMethod.class, "p1")).contains(card);
		assertThat(snapshot.get(Voucher.class, "p1")).isEmpty();
	}

	@Test
	void aResourceChangesSubtypeBetweenVersionsAndItsHistoryReadsBackTyped() {
		this.template.create(new Card("p2", null, "c1", "4242"));
		BankAccount account = this.template.update(new BankAccount("p2", 1L, "c1", "DE89"));
		Voucher voucher = this.template.update(new Voucher("p2", 2L, "c1", 500));

		assertThat(account.version()).isEqualTo(2L);
		assertThat(this.template.findById(PaymentMethod.class, "p2")).contains(voucher);
		assertThat(dynamo.storedItem("PaymentMethod#p2", "v2").get("type").s()).isEqualTo("bank");
		List<PaymentMethod> history = this.template.findAllVersions(PaymentMethod.class, "p2");
		assertThat(history).extracting(Object::getClass).containsExactly(Voucher.class, BankAccount.class, Card.class);
		assertThat(this.template.findVersion(PaymentMethod.class, "p2", 2)).contains(account);
		assertThat(this.template.findById(Card.class, "p2")).isEmpty();
		assertThat(this.template.findVersion(Card.class, "p2", 2)).isEmpty();
		assertThat(this.template.findVersion(Card.class, "p2", 1)).get().isInstanceOf(Card.class);
		assertThat(this.template.findAllVersions(BankAccount.class, "p2")).containsExactly(account);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.queryAny(Card.class, Voucher.class))
			.withMessageContaining("are both stored as PaymentMethod");
	}

	@Test
	void aStaleVersionOfAnotherSubtypeIsAConflict() {
		this.template.create(new Card("p3", null, "c1", "1111"));
		this.template.update(new Card("p3", 1L, "c1", "2222"));

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.template.update(new Voucher("p3", 1L, "c1", 100)));
		assertThat(this.template.findById(PaymentMethod.class, "p3")).contains(new Card("p3", 2L, "c1", "2222"));
	}

	@Test
	void restoringAVersionOfAnotherSubtypeMakesItTheLatest() {
		this.template.create(new Card("p4", null, "c1", "4242"));
		this.template.update(new BankAccount("p4", 1L, "c1", "DE89"));

		PaymentMethod restored = this.template.restoreVersion(PaymentMethod.class, "p4", 1);

		assertThat(restored).isEqualTo(new Card("p4", 3L, "c1", "4242"));
		assertThat(this.template.findById(PaymentMethod.class, "p4")).contains(restored);
		assertThat(dynamo.storedItem("PaymentMethod#p4", "v0").get("type").s()).isEqualTo("Card");
	}

	@Test
	void theRootQueriesEverySubtypeAndASubtypeOnlyItsOwn() {
		this.template.create(new Card("q1", null, "c9", "4242"));
		this.template.create(new BankAccount("q2", null, "c9", "DE89"));
		this.template.create(new Voucher("q3", null, "c9", 500));
		this.template.create(new Card("q4", null, "c9", "1111"));
		this.template.create(new Card("q5", null, "c8", "9999"));

		List<PaymentMethod> all = this.template.query(PaymentMethod.class).index("gsi1").partition("customer#c9").stream().toList();
		List<Card> cards = this.template.query(Card.class).index("gsi1").partition("customer#c9").stream().toList();

		assertThat(all).extracting(PaymentMethod::id).containsExactly("q1", "q2", "q3", "q4");
		assertThat(all).extracting(Object::getClass)
			.containsExactly(Card.class, BankAccount.class, Voucher.class, Card.class);
		assertThat(cards).extracting(Card::id).containsExactly("q1", "q4");
		assertThat(this.template.query(Card.class).index("gsi1").partition("customer#c9").count()).isEqualTo(2);
		assertThat(this.template.query(Voucher.class).stream().toList()).extracting(Voucher::id).contains("q3")
			.doesNotContain("q1", "q2", "q4");
	}

	@Test
	void anItemWhoseDiscriminatorNamesNoSubtypeIsATypedError() {
		this.template.create(new Card("u1", null, "c1", "4242"));
		dynamo.client().updateItem((update) -> update.tableName(dynamo.tableName())
			.key(Map.of("pk", AttributeValue.fromS("PaymentMethod#u1"), "sk", AttributeValue.fromS("v0")))
			.updateExpression("SET #type = :cheque, #data = :data")
			.expressionAttributeNames(Map.of("#type", "type", "#data", "data"))
			.expressionAttributeValues(Map.of(":cheque", AttributeValue.fromS("Cheque"), ":data",
					AttributeValue.fromB(SdkBytes.fromByteArray(gzip("{\"type\":\"Cheque\",\"resource_id\":\"u1\"}"))))));

		assertThatExceptionOfType(UnknownSubtypeException.class)
			.isThrownBy(() -> this.template.findById(PaymentMethod.class, "u1"))
			.withMessageContaining("PaymentMethod#u1")
			.withMessageContaining("'Cheque'")
			.withMessageContaining("[Card, bank, Voucher]")
			.satisfies((ex) -> assertThat(ex.getDiscriminatorValue()).isEqualTo("Cheque"));
	}

	@Test
	void anAbstractClassHierarchyIsAuditedAcrossAChangeOfSubtype() {
		this.template.setAuditorAware(() -> java.util.Optional.of("alice"));
		this.template.create(new Account.Personal("a1", null, "ann", "annie"));

		Account.Business business = this.template.update(new Account.Business("a1", 1L, "ann", "DE123"));

		assertThat(business.getVersion()).isEqualTo(2L);
		assertThat(this.template.findById(Account.class, "a1")).get().isInstanceOf(Account.Business.class);
		assertThat(dynamo.storedItem("Account#a1", "v0").get("kind").s()).isEqualTo("Business");
		List<AuditEntry> rows = this.template.auditLog().forResource("Account", "a1").page(null).items();
		assertThat(rows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows.get(0).changedBy()).isEqualTo("alice");
		assertThat(rows.get(0).changedFields()).containsKeys("kind", "nickname", "vatNumber");
		assertThat(rows.get(0).changedFields().get("kind").oldValue().asString()).isEqualTo("Personal");
		assertThat(rows.get(0).changedFields().get("kind").newValue().asString()).isEqualTo("Business");
	}

	@Test
	void theReactiveTemplateWritesAndReadsTheHierarchyTheSameWay() {
		DynamoDbAsyncClient asyncClient = DynamoDbLocal.newAsyncClient();
		try {
			ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(asyncClient, dynamo.tableName(),
					this.template.getConverter());
			Card card = reactive.create(new Card("m1", null, "c5", "4242")).block();
			Voucher voucher = reactive.update(new Voucher("m1", card.version(), "c5", 300)).block();

			assertThat(voucher.version()).isEqualTo(2L);
			assertThat(reactive.findById(PaymentMethod.class, "m1").block()).isEqualTo(voucher);
			assertThat(reactive.findById(Card.class, "m1").blockOptional()).isEmpty();
			assertThat(reactive.findAllVersions(PaymentMethod.class, "m1").collectList().block())
				.containsExactly(voucher, card);
			assertThat(reactive.restoreVersion(PaymentMethod.class, "m1", 1).block())
				.isEqualTo(new Card("m1", 3L, "c5", "4242"));
			assertThat(reactive.query(Voucher.class).index("gsi1").partition("customer#c5").all().collectList().block())
				.isEmpty();
		}
		finally {
			asyncClient.close();
		}
	}

	@Test
	void aBackfillReindexesEverySubtypeOfTheHierarchy() {
		SingleTableTemplate before = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		before.create(new WalletBefore.Cash("w1", null, "c7", 10));
		before.create(new WalletBefore.Crypto("w2", null, "c7", "btc"));
		before.update(new WalletBefore.Cash("w2", 1L, "c7", 20));
		assertThat(this.template.query(Wallet.class).index("gsi2").partition("holder#c7").stream().toList()).isEmpty();

		BackfillResult run = new SingleTableBackfills(this.template).reindex(Wallet.class, BackfillOptions.defaults());

		assertThat(run.itemsWritten()).isEqualTo(2);
		assertThat(this.template.query(Wallet.class).index("gsi2").partition("holder#c7").stream().toList())
			.extracting(Object::getClass)
			.containsExactlyInAnyOrder(Wallet.Cash.class, Wallet.Cash.class);
		assertThat(this.template.findAllVersions(Wallet.class, "w2")).extracting(Object::getClass)
			.containsExactly(Wallet.Cash.class, Wallet.Crypto.class);
	}

	@SingleTableEntity(unknownSubtypes = SingleTableEntity.UnknownSubtypes.SKIP)
	sealed interface Gizmo permits Gear, Lever {

		String id();

	}

	record Gear(@Id String id, int teeth) implements Gizmo {
	}

	record Lever(@Id String id, int length) implements Gizmo {
	}

	@Test
	void aHierarchyThatSkipsUnknownTypesLeavesTheirItemsOutAndCountsThem() {
		this.template.save(new Gear("g1", 12));
		this.template.save(new Lever("g2", 3));
		dynamo.client().putItem((put) -> put.tableName(dynamo.tableName())
			.item(Map.of("pk", AttributeValue.fromS("Gizmo#g3"), "sk", AttributeValue.fromS("Gizmo#g3"), "gsitype",
					AttributeValue.fromS("Gizmo"), "gsitypesk", AttributeValue.fromS("2030-01-01T00:00:00+00:00"),
					"type", AttributeValue.fromS("Spring"), "resource_id", AttributeValue.fromS("g3"))));

		assertThat(this.template.findById(Gizmo.class, "g3")).isEmpty();
		assertThat(this.template.query(Gizmo.class).stream().toList()).extracting(Gizmo::id)
			.containsExactlyInAnyOrder("g1", "g2");
		assertThat(this.template.findAllById(Gizmo.class, List.of("g1", "g3"))).extracting(Gizmo::id).containsExactly("g1");
		assertThat(((MappingSingleTableConverter) this.template.getConverter()).getSkippedItems())
			.containsEntry(Gizmo.class, Map.of("Spring", 3L));
		assertThat(this.template.findById(Gear.class, "g3")).isEmpty();
	}

	@SingleTableEntity(prefix = "HolderCustomer")
	@IndexKey(index = "gsi1", partition = "customer#{id}")
	record Holder(@Id String id, String name) {
	}

	@Test
	void aRootIsOneTypeOfAnItemCollectionHoldingEverySubtype() {
		this.template.save(new Holder("ic1", "Ann"));
		this.template.create(new Card("ic-card", null, "ic1", "4242"));
		this.template.create(new Voucher("ic-voucher", null, "ic1", 100));

		ItemCollection page = this.template.queryCollection("gsi1", Holder.class, PaymentMethod.class)
			.partition("customer#ic1")
			.filter(Filter.forType(PaymentMethod.class, Filter.attribute("type").eq("Card")))
			.limit(50)
			.collection(null);
		ItemCollection all = this.template.queryCollection("gsi1", Holder.class, PaymentMethod.class)
			.partition("customer#ic1")
			.limit(50)
			.collection(null);

		assertThat(all.first(Holder.class)).contains(new Holder("ic1", "Ann"));
		assertThat(all.get(PaymentMethod.class)).extracting(Object::getClass)
			.containsExactlyInAnyOrder(Card.class, Voucher.class);
		assertThat(page.get(PaymentMethod.class)).extracting(PaymentMethod::id).containsExactly("ic-card");
		assertThat(page.get(Holder.class)).hasSize(1);
	}

	private static byte[] gzip(String json) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(json.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

}
