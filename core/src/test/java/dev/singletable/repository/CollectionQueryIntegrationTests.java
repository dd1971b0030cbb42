package dev.singletable.repository;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.query.QueryCreationException;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.collections.Customer;
import dev.singletable.repository.collections.CustomerRepository;
import dev.singletable.repository.collections.Invoice;
import dev.singletable.repository.collections.MismatchedCollectionRepository;
import dev.singletable.repository.collections.Order;
import dev.singletable.repository.collections.ReactiveCustomerRepository;
import dev.singletable.repository.collections.WrongReturnCollectionRepository;
import dev.singletable.repository.query.UnsupportedQueryMethodException;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CollectionQuery @CollectionQuery} methods on DynamoDB Local (issue 35, item 2): a repository declares an
 * item collection once and reads it a page at a time, grouped and typed, one {@code Query} per page, blocking and
 * reactive; a declaration whose types do not share the partition template, or that returns something else, is
 * refused when the repository is created.
 */
class CollectionQueryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-collection-queries");

	private SingleTableTemplate template;

	private DynamoDbAsyncClient asyncClient;

	private CustomerRepository customers;

	private ReactiveCustomerRepository reactiveCustomers;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		ReactiveSingleTableTemplate reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient,
				dynamo.tableName(), this.template.getConverter());
		this.customers = new SingleTableRepositoryFactory(this.template).getRepository(CustomerRepository.class);
		this.reactiveCustomers = new ReactiveSingleTableRepositoryFactory(reactiveTemplate)
			.getRepository(ReactiveCustomerRepository.class);
		this.customers.save(new Customer("c1", "Ann"));
		for (int i = 0; i < 12; i++) {
			this.template.create(new Order(String.format("o%02d", i), null, "c1", i));
		}
		for (int i = 0; i < 7; i++) {
			this.template.save(new Invoice(String.format("i%02d", i), "c1", "open"));
		}
		this.template.save(new Invoice("elsewhere", "c2", "open"));
	}

	@AfterEach
	void close() {
		this.asyncClient.close();
	}

	@Test
	void aRepositoryReadsItsDeclaredCollectionAPageAtATime() {
		List<ItemCollection> pages = new ArrayList<>();
		String cursor = null;
		do {
			dynamo.requests().reset();
			ItemCollection page = this.customers.findCustomerView("customer#c1", cursor, Limit.of(7));
			assertThat(dynamo.requests().count("Query")).isOne();
			pages.add(page);
			cursor = page.nextCursor();
		}
		while (cursor != null);

		assertThat(pages).extracting(ItemCollection::size).containsExactly(7, 7, 6);
		assertThat(pages.stream().flatMap((page) -> page.get(Order.class).stream())).hasSize(12);
		assertThat(pages.stream().flatMap((page) -> page.get(Invoice.class).stream())).hasSize(7);
		assertThat(pages.get(0).first(Customer.class)).contains(new Customer("c1", "Ann"));
		ItemCollection billing = this.customers.findBilling("customer#c1");
		assertThat(billing.types()).containsExactlyInAnyOrder(Order.class, Invoice.class);
		assertThat(billing.size()).isEqualTo(19);
	}

	@Test
	void aReactiveRepositoryReadsTheSamePages() {
		ItemCollection first = this.reactiveCustomers.findCustomerView("customer#c1", null, Limit.of(10)).block();
		ItemCollection second = this.reactiveCustomers.findCustomerView("customer#c1", first.nextCursor(), Limit.of(10))
			.block();

		assertThat(first.size()).isEqualTo(10);
		assertThat(second.size()).isEqualTo(10);
		assertThat(second.hasNext()).isFalse();
		assertThat(first.items()).isEqualTo(this.customers.findCustomerView("customer#c1", null, Limit.of(10)).items());
		// gsi1 sorts by pk: the customer, its invoices, then its orders
		assertThat(first.get(Invoice.class)).hasSize(7).extracting(Invoice::customerId).containsOnly("c1");
		assertThat(first.get(Order.class)).hasSize(2);
		assertThat(second.get(Order.class)).hasSize(10);
		assertThat(second.get(Invoice.class)).isEmpty();
	}

	@Test
	void aDeclarationWhoseTypesDoNotShareThePartitionTemplateIsRefusedWhenTheRepositoryIsCreated() {
		assertThatExceptionOfType(QueryCreationException.class)
			.isThrownBy(() -> new SingleTableRepositoryFactory(this.template)
				.getRepository(MismatchedCollectionRepository.class))
			.havingCause()
			.isInstanceOf(UnsupportedQueryMethodException.class)
			.withMessageContaining("MismatchedCollectionRepository.findWithParcels")
			.withMessageContaining("Customer 'customer#{id}', Parcel 'client#{customerId}'");
		assertThatExceptionOfType(QueryCreationException.class)
			.isThrownBy(() -> new SingleTableRepositoryFactory(this.template)
				.getRepository(WrongReturnCollectionRepository.class))
			.havingCause()
			.isInstanceOf(UnsupportedQueryMethodException.class)
			.withMessageContaining("returns ItemCollection, not java.util.List<java.lang.Object>");
	}

}
