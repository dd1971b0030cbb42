package dev.singletable.repository;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.repository.query.QueryCreationException;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.hierarchy.Account;
import dev.singletable.core.hierarchy.PaymentMethod;
import dev.singletable.core.hierarchy.PaymentMethod.BankAccount;
import dev.singletable.core.hierarchy.PaymentMethod.Card;
import dev.singletable.core.hierarchy.PaymentMethod.Voucher;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.hierarchy.AccountRepository;
import dev.singletable.repository.hierarchy.BadTypeKeywordRepository;
import dev.singletable.repository.hierarchy.CardRepository;
import dev.singletable.repository.hierarchy.PaymentMethodRepository;
import dev.singletable.repository.hierarchy.ReactiveCardRepository;
import dev.singletable.repository.hierarchy.ReactivePaymentMethodRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Repositories of a sealed hierarchy on DynamoDB Local (issue 35, item 1): a repository of the root reads, saves,
 * derives queries over and restores every subtype; a repository of a concrete type reads only its items, its
 * derived queries included; blocking and reactive.
 */
class HierarchyRepositoryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-hierarchy-repositories");

	private SingleTableTemplate template;

	private DynamoDbAsyncClient asyncClient;

	private PaymentMethodRepository methods;

	private CardRepository cards;

	private ReactivePaymentMethodRepository reactiveMethods;

	private ReactiveCardRepository reactiveCards;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		ReactiveSingleTableTemplate reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient,
				dynamo.tableName(), this.template.getConverter());
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);
		this.methods = factory.getRepository(PaymentMethodRepository.class);
		this.cards = factory.getRepository(CardRepository.class);
		ReactiveSingleTableRepositoryFactory reactiveFactory = new ReactiveSingleTableRepositoryFactory(reactiveTemplate);
		this.reactiveMethods = reactiveFactory.getRepository(ReactivePaymentMethodRepository.class);
		this.reactiveCards = reactiveFactory.getRepository(ReactiveCardRepository.class);
	}

	@AfterEach
	void close() {
		this.asyncClient.close();
	}

	@Test
	void theRootsRepositorySavesReadsAndDerivesQueriesOverEverySubtype() {
		PaymentMethod card = this.methods.save(new Card("r1", null, "k1", "4242"));
		this.methods.save(new BankAccount("r2", null, "k1", "DE89"));
		this.methods.save(new Voucher("r3", null, "k2", 500));

		PaymentMethod switched = this.methods.save(new Voucher("r1", card.version(), "k1", 700));

		assertThat(switched.version()).isEqualTo(2L);
		assertThat(this.methods.findById("r1")).contains(new Voucher("r1", 2L, "k1", 700));
		assertThat(this.methods.findByCustomerId("k1")).extracting(PaymentMethod::id).containsExactlyInAnyOrder("r1", "r2");
		assertThat(this.methods.findVersions("r1")).extracting(Object::getClass)
			.containsExactly(Voucher.class, Card.class);
		assertThat(this.methods.restore("r1", 1)).isEqualTo(new Card("r1", 3L, "k1", "4242"));
		assertThat(this.methods.count()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theRootsDerivedQueriesSelectTypesByTheDiscriminator() {
		this.template.create(new Card("v1", null, "k5", "1111"));
		this.template.create(new BankAccount("v2", null, "k5", "DE89"));
		this.template.create(new Voucher("v3", null, "k5", 100));
		this.template.create(new Card("v4", null, "k6", "2222"));

		assertThat(this.methods.findByCustomerIdAndType("k5", "Card")).extracting(PaymentMethod::id).containsExactly("v1");
		assertThat(this.methods.findByCustomerIdAndType("k5", "bank")).extracting(Object::getClass)
			.containsExactly(BankAccount.class);
		assertThat(this.methods.findByCustomerIdAndTypeNot("k5", "Card")).extracting(PaymentMethod::id)
			.containsExactlyInAnyOrder("v2", "v3");
		assertThat(this.methods.countByCustomerIdAndTypeIn("k5", List.of("Card", "Voucher"))).isEqualTo(2);
		assertThat(this.reactiveMethods.findByCustomerIdAndType("k5", "Voucher").collectList().block())
			.extracting(PaymentMethod::id)
			.containsExactly("v3");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.methods.findByCustomerIdAndType("k5", "Cheque"))
			.withMessageContaining("'Cheque'")
			.withMessageContaining("[Card, bank, Voucher]");
	}

	@Test
	void anAbstractClassRootsQueryOnItsDiscriminatorNeedsNoIndex() {
		AccountRepository accounts = new SingleTableRepositoryFactory(this.template).getRepository(AccountRepository.class);
		this.template.create(new Account.Personal("x1", null, "ann", "annie"));
		this.template.create(new Account.Business("x2", null, "ann", "DE1"));

		assertThat(accounts.findByKind("Business")).extracting(Account::getId).containsExactly("x2");
	}

	@Test
	void aDiscriminatorConditionOtherThanEqualityOrInIsRefusedAtStartUp() {
		assertThatExceptionOfType(QueryCreationException.class)
			.isThrownBy(() -> new SingleTableRepositoryFactory(this.template).getRepository(BadTypeKeywordRepository.class))
			.withStackTraceContaining("the discriminator of PaymentMethod")
			.withStackTraceContaining("equality, Not, In or NotIn");
	}

	@Test
	void aConcreteTypesRepositoryReadsOnlyItsOwnItems() {
		this.template.create(new Card("s1", null, "k3", "1111"));
		this.template.create(new BankAccount("s2", null, "k3", "DE89"));
		this.template.create(new Card("s3", null, "k3", "2222"));
		this.template.create(new Voucher("s4", null, "k3", 100));

		assertThat(this.cards.findByCustomerId("k3")).extracting(Card::id).containsExactlyInAnyOrder("s1", "s3");
		assertThat(this.cards.countByCustomerId("k3")).isEqualTo(2);
		assertThat(this.cards.findById("s2")).isEmpty();
		assertThat(this.cards.existsById("s4")).isFalse();
		assertThat(this.cards.findAllById(List.of("s1", "s2", "s3"))).extracting(Card::id).containsExactly("s1", "s3");
		assertThat(this.cards.findAll()).extracting(Card::id).contains("s1", "s3").doesNotContain("s2", "s4");
	}

	@Test
	void reactiveRepositoriesReadTheSameWay() {
		this.template.create(new Card("t1", null, "k4", "1111"));
		this.template.create(new Voucher("t2", null, "k4", 100));

		assertThat(this.reactiveMethods.findByCustomerId("k4").collectList().block()).extracting(Object::getClass)
			.containsExactlyInAnyOrder(Card.class, Voucher.class);
		assertThat(this.reactiveCards.findByCustomerId("k4").collectList().block()).extracting(Card::id)
			.containsExactly("t1");
		assertThat(this.reactiveMethods.findById("t2").block()).isEqualTo(new Voucher("t2", 1L, "k4", 100));
		assertThat(this.reactiveCards.findById("t2").blockOptional()).isEmpty();
	}

}
