package dev.singletable.core;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Item collections on DynamoDB Local (issue 35, item 2): a customer, its orders and its invoices share a partition
 * of {@code gsi1}; a page of the collection is one {@code Query}, grouped and typed, its cursor continuing the whole
 * collection, on the blocking and the reactive template alike; types that do not share the partition template are
 * refused, naming what differs.
 */
class ItemCollectionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-collections");

	private final RequestCounter asyncRequests = new RequestCounter();

	private SingleTableTemplate template;

	private DynamoDbAsyncClient asyncClient;

	private ReactiveSingleTableTemplate reactiveTemplate;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.asyncClient = DynamoDbLocal.newAsyncClient(this.asyncRequests);
		this.reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName(),
				this.template.getConverter());
		// one customer, 60 orders (versioned) and 39 invoices in its partition: 100 items; another customer's too
		this.template.save(new Customer("c1", "Ann"));
		this.template.save(new Customer("c2", "Bob"));
		for (int i = 0; i < 60; i++) {
			this.template.create(new Order(String.format("o%02d", i), null, "c1", i));
		}
		for (int i = 0; i < 39; i++) {
			this.template.save(new Invoice(String.format("i%02d", i), "c1", (i % 3 == 0) ? "open" : "paid"));
		}
		this.template.create(new Order("o-of-c2", null, "c2", 1));
		this.template.save(new Invoice("i-of-c2", "c2", "open"));
		// the cursors' secret is read (or made) once per template, at its first cursor: not a request of a page
		this.template.query(Customer.class).limit(1).page(null);
		this.reactiveTemplate.query(Customer.class).limit(1).page(null).block();
		dynamo.requests().reset();
		this.asyncRequests.reset();
	}

	@AfterEach
	void close() {
		this.asyncClient.close();
	}

	@Test
	void aCollectionIsReadAPageAtATimeWithOneQueryPerPageGroupedAndTyped() {
		List<ItemCollection> pages = blockingPages();

		assertThat(pages).hasSize(15);
		assertThat(dynamo.requests().count("Query")).isEqualTo(15);
		assertThat(dynamo.requests().total()).isEqualTo(15);
		assertThat(pages).allSatisfy((page) -> assertThat(page.requests()).isOne());
		assertThat(pages.subList(0, 14)).allSatisfy((page) -> assertThat(page.size()).isEqualTo(7));
		assertThat(pages.get(14).size()).isEqualTo(2);
		List<Customer> customers = pages.stream().flatMap((page) -> page.get(Customer.class).stream()).toList();
		List<Order> orders = pages.stream().flatMap((page) -> page.get(Order.class).stream()).toList();
		List<Invoice> invoices = pages.stream().flatMap((page) -> page.get(Invoice.class).stream()).toList();
		assertThat(customers).containsExactly(new Customer("c1", "Ann"));
		assertThat(orders).hasSize(60).extracting(Order::customerId).containsOnly("c1");
		assertThat(orders).extracting(Order::version).containsOnly(1L);
		assertThat(invoices).hasSize(39).extracting(Invoice::customerId).containsOnly("c1");
		assertThat(pages.get(0).first(Customer.class)).contains(new Customer("c1", "Ann"));
		assertThat(pages.get(0).types()).containsExactlyInAnyOrder(Customer.class, Order.class, Invoice.class);
		assertThat(pages.get(0).items()).hasSize(7);
	}

	@Test
	void theReactiveTemplateReadsTheSamePagesWithOneQueryEach() {
		List<ItemCollection> blocking = blockingPages();
		List<ItemCollection> reactive = new ArrayList<>();
		String cursor = null;
		this.asyncRequests.reset();
		do {
			ItemCollection page = this.reactiveTemplate
				.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
				.partition("customer#c1")
				.limit(7)
				.collection(cursor)
				.block();
			reactive.add(page);
			cursor = page.nextCursor();
		}
		while (cursor != null);

		assertThat(reactive).hasSize(15);
		assertThat(this.asyncRequests.count("Query")).isEqualTo(15);
		assertThat(this.asyncRequests.total()).isEqualTo(15);
		for (int i = 0; i < blocking.size(); i++) {
			assertThat(reactive.get(i).items()).isEqualTo(blocking.get(i).items());
			assertThat(reactive.get(i).get(Order.class)).isEqualTo(blocking.get(i).get(Order.class));
		}
	}

	@Test
	void aFilterOnOneTypeKeepsTheOtherTypesWhole() {
		Filter openInvoicesOnly = Filter
			.not(Filter.attribute("gsitype").eq("Invoice").and(Filter.attribute("state").ne("open")));

		ItemCollection page = this.template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
			.partition("customer#c1")
			.filter(openInvoicesOnly)
			.limit(200)
			.collection(null);

		assertThat(page.get(Customer.class)).hasSize(1);
		assertThat(page.get(Order.class)).hasSize(60);
		assertThat(page.get(Invoice.class)).hasSize(13).extracting(Invoice::state).containsOnly("open");
	}

	@Test
	void aFilterForOneTypeNamesItsPropertiesAndLeavesTheOtherTypesWholeOnBothTemplates() {
		Filter openInvoices = Filter.forType(Invoice.class, Filter.property("state").eq("open"));
		Filter bigOrders = Filter.forType(Order.class, Filter.property("amount").ge(50));

		ItemCollection page = this.template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
			.partition("customer#c1")
			.filter(openInvoices)
			.where(bigOrders)
			.limit(200)
			.collection(null);
		ItemCollection reactivePage = this.reactiveTemplate
			.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
			.partition("customer#c1")
			.filter(openInvoices)
			.where(bigOrders)
			.limit(200)
			.collection(null)
			.block();

		assertThat(page.get(Customer.class)).hasSize(1);
		assertThat(page.get(Order.class)).hasSize(10).extracting(Order::amount).allMatch((amount) -> amount >= 50);
		assertThat(page.get(Invoice.class)).hasSize(13).extracting(Invoice::state).containsOnly("open");
		assertThat(reactivePage.items()).isEqualTo(page.items());
		// a server-side filter on a compressed type's property is refused, naming it; another type's, too
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
				.partition("customer#c1")
				.filter(bigOrders)
				.collection(null))
			.withMessageContaining("Order is stored compressed");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.queryCollection("gsi1", Customer.class, Order.class)
				.partition("customer#c1")
				.filter(openInvoices)
				.collection(null))
			.withMessageContaining("names a type the query does not read");
	}

	@Test
	void typesThatDoNotShareThePartitionTemplateAreRefusedNamingWhatDiffers() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.queryCollection("gsi1", Customer.class, Order.class, Shipment.class))
			.withMessageContaining("Shipment 'client#{customerId}'")
			.withMessageContaining("Customer 'customer#{id}'")
			.withMessageContaining("partition templates differ");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.reactiveTemplate.queryCollection("gsi1", Customer.class, Unindexed.class))
			.withMessageContaining("Unindexed declares no key of index 'gsi1'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.queryCollection("gsi1", Customer.class, Order.class)
				.partition("customer#c1")
				.collection(null)
				.get(Invoice.class))
			.withMessageContaining("Invoice is not one of the collection's types");
	}

	/** Reads customer c1's collection with the blocking template, 7 items a page. */
	private List<ItemCollection> blockingPages() {
		List<ItemCollection> pages = new ArrayList<>();
		String cursor = null;
		do {
			ItemCollection page = this.template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
				.partition("customer#c1")
				.limit(7)
				.collection(cursor);
			pages.add(page);
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return pages;
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "customer#{id}")
	record Customer(@Id String id, String name) {
	}

	@SingleTableEntity(versioned = true)
	@IndexKey(index = "gsi1", partition = "customer#{customerId}")
	record Order(@Id String id, @Version Long version, String customerId, int amount) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "customer#{customerId}")
	record Invoice(@Id String id, String customerId, String state) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "client#{customerId}")
	record Shipment(@Id String id, String customerId) {
	}

	@SingleTableEntity
	record Unindexed(@Id String id) {
	}

}
