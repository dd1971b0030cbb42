package dev.singletable.benchmarks.collections;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Issue 35's benchmark, on one in-process DynamoDB Local, printed as markdown: reading a customer's collection (the
 * customer, 60 orders, 39 invoices under one {@code gsi1} partition, among other customers') a page of 25 at a time
 * (1) as an item collection ({@code queryCollection(...).collection(cursor)}, grouped by type), (2) through
 * {@code queryAny} (the same pages, a flat list), and (3) with three queries, one per type, each reading the items of
 * the partition and keeping its own. Requests per read of the whole collection, and reads per second (median of 5
 * rounds, alternating).
 * <p>
 * {@code java ... dev.singletable.benchmarks.collections.ItemCollectionBenchmark [reads per round]} (200 by default).
 */
public final class ItemCollectionBenchmark {

	private static final int ROUNDS = 5;

	private static final int PAGE = 25;

	private static final String PARTITION = "customer#c1";

	private ItemCollectionBenchmark() {
	}

	public static void main(String[] args) {
		int reads = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
		Requests requests = new Requests();
		DynamoDbClient client = DynamoDbLocal.newClient(requests);
		String table = "collections-bench-" + System.nanoTime();
		SingleTableSchema.standard(table).create(client);
		SingleTableTemplate template = new SingleTableTemplate(client, table);
		for (String customer : new String[] { "c0", "c1", "c2" }) {
			template.save(new Customer(customer, "name of " + customer));
			for (int i = 0; i < 60; i++) {
				template.create(new Order(customer + "-o" + i, null, customer, "item " + i, i));
			}
			for (int i = 0; i < 39; i++) {
				template.save(new Invoice(customer + "-i" + i, customer, 100L * i, i % 2 == 0));
			}
		}
		List<Contender> contenders = List.of(new Contender("item collection (`queryCollection`, grouped)", () -> {
			int items = 0;
			String cursor = null;
			do {
				ItemCollection page = template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
					.partition(PARTITION)
					.limit(PAGE)
					.collection(cursor);
				items += page.get(Customer.class).size() + page.get(Order.class).size()
						+ page.get(Invoice.class).size();
				cursor = page.nextCursor();
			}
			while (cursor != null);
			return items;
		}), new Contender("`queryAny` (the same pages, a flat list)", () -> {
			int items = 0;
			String cursor = null;
			do {
				QueryPage<Object> page = template.queryAny(Customer.class, Order.class, Invoice.class)
					.index("gsi1")
					.partition(PARTITION)
					.limit(PAGE)
					.page(cursor);
				items += page.items().size();
				cursor = page.nextCursor();
			}
			while (cursor != null);
			return items;
		}), new Contender("three queries, one per type", () -> all(template.query(Customer.class))
				+ all(template.query(Order.class)) + all(template.query(Invoice.class))));
		StringBuilder report = new StringBuilder();
		report.append("| | requests per read | items | reads/s (median of ").append(ROUNDS).append(" rounds of ")
			.append(reads).append(") | vs item collection |\n| --- | --- | --- | --- | --- |\n");
		// once each first: the template reads (or makes) its cursors' secret at its first cursor
		contenders.forEach((contender) -> contender.read().getAsInt());
		// requests and items of one read of the whole collection
		int[] perRead = new int[contenders.size()];
		int[] items = new int[contenders.size()];
		for (int c = 0; c < contenders.size(); c++) {
			requests.reset();
			items[c] = contenders.get(c).read().getAsInt();
			perRead[c] = requests.count();
		}
		// warm-up, then rounds alternating
		contenders.forEach((contender) -> time(contender, reads / 4));
		List<List<Double>> rates = new ArrayList<>();
		contenders.forEach((contender) -> rates.add(new ArrayList<>()));
		for (int round = 0; round < ROUNDS; round++) {
			for (int c = 0; c < contenders.size(); c++) {
				rates.get(c).add(time(contenders.get(c), reads));
			}
		}
		double reference = median(rates.get(0));
		for (int c = 0; c < contenders.size(); c++) {
			report.append(String.format("| %s | %d | %d | %.0f | %.2f× |%n", contenders.get(c).name(), perRead[c],
					items[c], median(rates.get(c)), median(rates.get(c)) / reference));
		}
		System.out.println(report);
		client.close();
		System.exit(0);
	}

	private static int all(SingleTableQuery<?> query) {
		int items = 0;
		String cursor = null;
		do {
			QueryPage<?> page = query.index("gsi1").partition(PARTITION).limit(PAGE).page(cursor);
			items += page.items().size();
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return items;
	}

	private static double time(Contender contender, int reads) {
		long start = System.nanoTime();
		for (int i = 0; i < reads; i++) {
			contender.read().getAsInt();
		}
		return reads / ((System.nanoTime() - start) / 1e9);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private record Contender(String name, IntSupplier read) {
	}

	/** Counts the requests a client sends. */
	private static final class Requests implements ExecutionInterceptor {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
			this.count.incrementAndGet();
		}

		void reset() {
			this.count.set(0);
		}

		int count() {
			return this.count.get();
		}

	}

	@SingleTableEntity(prefix = "BenchCustomer")
	@IndexKey(index = "gsi1", partition = "customer#{id}")
	record Customer(@Id String id, String name) {
	}

	@SingleTableEntity(prefix = "BenchOrder", versioned = true)
	@IndexKey(index = "gsi1", partition = "customer#{customerId}")
	record Order(@Id String id, @Version @Nullable Long version, String customerId, String item, int quantity) {
	}

	@SingleTableEntity(prefix = "BenchInvoice")
	@IndexKey(index = "gsi1", partition = "customer#{customerId}")
	record Invoice(@Id String id, String customerId, long cents, boolean paid) {
	}

}
