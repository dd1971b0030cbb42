package dev.singletable.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Cursors against DynamoDB Local, without a configured secret: opaque, sealed with the random secret of the table's
 * {@code _INTERNAL#CursorSecret} item, which every instance (blocking or reactive, each with its own client) shares
 * — created once even when two instances race for it — and refused when forged with the earlier default key
 * derived from the table name; and the rotation of a configured secret.
 */
class CursorSecretIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SECRET_KEY = "_INTERNAL#CursorSecret";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final List<AutoCloseable> clients = new ArrayList<>();

	@BeforeEach
	void seed() {
		new SingleTableTemplate(dynamo.client(), dynamo.tableName()).putAll(IntStream.range(0, 9)
			.mapToObj((i) -> Task.of("t" + i, Status.OPEN, "herbert", LocalDate.of(2025, 1, 1).plusDays(i), i))
			.toList());
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable client : this.clients) {
			client.close();
		}
	}

	@Test
	void twoApplicationsOnOneTableAcceptEachOthersCursorsWithoutASecret() {
		SingleTableTemplate first = blocking();
		SingleTableTemplate second = blocking();
		ReactiveSingleTableTemplate secondReactive = reactive();
		assertThat(dynamo.storedItem(SECRET_KEY, SECRET_KEY)).as("no secret before a cursor is needed").isEmpty();

		QueryPage<Task> one = first.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page();
		QueryPage<Task> two = second.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
			.page(one.nextCursor());
		QueryPage<Task> three = secondReactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
			.page(two.nextCursor()).block(WAIT);
		QueryPage<Task> back = first.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
			.pageBefore(three.cursors().get(0));

		List<Task> all = new ArrayList<>(one.items());
		all.addAll(two.items());
		all.addAll(three.items());
		assertThat(all).extracting(Task::title).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4", "t5", "t6",
				"t7", "t8");
		assertThat(three.nextCursor()).isNull();
		assertThat(back.items()).isEqualTo(two.items());
		Map<String, AttributeValue> item = dynamo.storedItem(SECRET_KEY, SECRET_KEY);
		assertThat(item).as("an internal item, without type or index attributes")
			.containsOnlyKeys("pk", "sk", "secret", "created_at");
		assertThat(item.get("secret").b().asByteArray()).hasSize(32);
		assertThat(dynamo.sortKeys(SECRET_KEY)).containsExactly(SECRET_KEY);
	}

	@Test
	void aCursorRevealsNoKeyNorValueWhenDecoded() {
		SingleTableTemplate template = blocking();
		ReactiveSingleTableTemplate reactive = reactive();
		List<String> cursors = new ArrayList<>();
		QueryPage<Task> page = template.query(Task.class).index("gsi3").partition("owner#herbert").limit(2).page();
		cursors.add(page.nextCursor());
		cursors.addAll(page.cursors());
		cursors.add(reactive.query(Task.class).index("gsi3").partition("owner#herbert").limit(2).page().block(WAIT)
			.nextCursor());
		cursors.add(template.query(Task.class).index("gsi3").partitionIn(List.of("owner#herbert", "owner#ann"))
			.limit(2).page().nextCursor());
		List<String> revealing = new ArrayList<>(List.of("herbert", "owner#", "Task#", "2025-01", "\"pk\"", "\"sk\"",
				"gsi3", "\":\""));
		page.items().forEach((task) -> revealing.add(task.id()));

		for (String cursor : cursors) {
			assertThat(cursor).matches("[A-Za-z0-9_\\-]+");
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
			for (String text : revealing) {
				assertThat(decoded).as("decoded cursor %s", cursor).doesNotContain(text);
			}
		}
		assertThat(template.query(Task.class).index("gsi3").partition("owner#herbert").limit(2)
			.page(cursors.get(2)).items()).extracting(Task::title).containsExactly("t2", "t3");
	}

	@Test
	void aCursorSignedOrSealedWithTheTableNameDerivedKeyIsRefused() throws Exception {
		SingleTableTemplate template = blocking();
		ReactiveSingleTableTemplate reactive = reactive();
		Task task = template.query(Task.class).index("gsi1").partition("status#OPEN").limit(1).page().items().get(0);
		Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("Task#" + task.id()), "sk",
				AttributeValue.fromS("Task#" + task.id()), "gsi1pk", AttributeValue.fromS("status#OPEN"));
		String binding = "Task|gsi1|status#OPEN";
		// what anyone knowing the table name could make before: the earlier format with the earlier default key
		byte[] tableNameKey = MessageDigest.getInstance("SHA-256")
			.digest(("singletable-cursor:" + dynamo.tableName()).getBytes(StandardCharsets.UTF_8));
		byte[] body = ("{\"gsi1pk\":\"status#OPEN\",\"pk\":\"Task#" + task.id() + "\",\"sk\":\"Task#" + task.id()
				+ "\"}").getBytes(StandardCharsets.UTF_8);
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(tableNameKey, "HmacSHA256"));
		mac.update(binding.getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String signed = encoder.encodeToString(body) + "."
				+ encoder.encodeToString(java.util.Arrays.copyOf(mac.doFinal(body), 16));
		// and the new format sealed with that key
		String sealed = new CursorCodec(tableNameKey).encode(binding, key);

		for (String forged : List.of(signed, sealed)) {
			assertThatExceptionOfType(InvalidCursorException.class).as(forged)
				.isThrownBy(() -> template.query(Task.class).index("gsi1").partition("status#OPEN").limit(2)
					.page(forged));
			assertThatExceptionOfType(InvalidCursorException.class).as(forged)
				.isThrownBy(() -> reactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(2)
					.page(forged).block(WAIT));
		}
	}

	@Test
	void theSecretIsCreatedOnceWhenTwoBlockingInstancesFindItMissingAtOnce() throws Exception {
		SecretRace race = new SecretRace(2);
		SingleTableTemplate first = blocking(race);
		SingleTableTemplate second = blocking(race);

		List<QueryPage<Task>> pages = race.run(
				() -> first.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page(),
				() -> second.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page());

		race.assertOneWriteWon();
		assertThat(second.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
			.page(pages.get(0).nextCursor()).items()).isEqualTo(first.query(Task.class).index("gsi1")
				.partition("status#OPEN").limit(4).page(pages.get(1).nextCursor()).items());
	}

	@Test
	void theSecretIsCreatedOnceWhenABlockingAndAReactiveInstanceFindItMissingAtOnce() throws Exception {
		SecretRace race = new SecretRace(2);
		SingleTableTemplate blocking = blocking(race);
		ReactiveSingleTableTemplate reactive = reactive(race);

		List<QueryPage<Task>> pages = race.run(
				() -> blocking.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page(),
				() -> reactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page()
					.block(WAIT));

		race.assertOneWriteWon();
		assertThat(reactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
			.page(pages.get(0).nextCursor()).block(WAIT).items()).isEqualTo(blocking.query(Task.class)
				.index("gsi1").partition("status#OPEN").limit(4).page(pages.get(1).nextCursor()).items());
	}

	@Test
	void theReactiveTemplateReadsTheSecretWithoutBlockingAThread() {
		SecretRace requests = new SecretRace(0);
		ReactiveSingleTableTemplate reactive = reactive(requests);

		QueryPage<Task> page = Mono
			.defer(() -> reactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page())
			.subscribeOn(Schedulers.parallel())   // a non-blocking thread: block() there would fail
			.block(WAIT);
		QueryPage<Task> next = Mono
			.defer(() -> reactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
				.page(page.nextCursor()))
			.subscribeOn(Schedulers.parallel())
			.block(WAIT);

		assertThat(next.items()).hasSize(4).doesNotContainAnyElementsOf(page.items());
		assertThat(requests.reads.get()).as("the secret read once, on the async client").isOne();
		assertThat(requests.won.get()).isOne();
	}

	@Test
	void theSecretItemIsInvisibleToTypeListings() {
		SingleTableTemplate template = blocking();
		template.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page();
		assertThat(dynamo.storedItem(SECRET_KEY, SECRET_KEY)).isNotEmpty();

		assertThat(template.query(Task.class).all()).hasSize(9);
		assertThat(template.query(Task.class).count()).isEqualTo(9);
		assertThat(template.query(Task.class).index("gsi1").partition("status#OPEN").count()).isEqualTo(9);
	}

	@Test
	void readsThatHandOutNoCursorNeverReadNorCreateTheSecret() {
		SingleTableTemplate template = blocking();
		ReactiveSingleTableTemplate reactive = reactive();

		assertThat(template.query(Task.class).index("gsi1").partition("status#OPEN").first()).isPresent();
		assertThat(template.query(Task.class).index("gsi1").partitionIn(List.of("status#OPEN", "status#DONE"))
			.first()).isPresent();
		assertThat(template.query(Task.class).index("gsi1").partition("status#OPEN").all()).hasSize(9);
		assertThat(reactive.query(Task.class).index("gsi1").partition("status#OPEN").first().block(WAIT)).isNotNull();
		assertThat(reactive.query(Task.class).index("gsi1").partition("status#OPEN").all().count().block(WAIT))
			.isEqualTo(9);

		assertThat(dynamo.storedItem(SECRET_KEY, SECRET_KEY)).isEmpty();
	}

	@Test
	void aRotatedSecretAcceptsCursorsOfThePreviousOneForTheGracePeriod() {
		byte[] previous = "the-secret-before-rotation".getBytes(StandardCharsets.UTF_8);
		byte[] current = "the-secret-after-rotation".getBytes(StandardCharsets.UTF_8);
		Instant rotation = Instant.parse("2026-03-01T12:00:00Z");
		SingleTableTemplate before = blocking();
		before.setCursorSecret(previous);
		before.setClock(Clock.fixed(rotation, ZoneOffset.UTC));
		SingleTableTemplate after = blocking();
		after.setCursorSecret(current);
		after.setPreviousCursorSecrets(List.of(previous), Duration.ofHours(1));
		ReactiveSingleTableTemplate afterReactive = reactive();
		afterReactive.setCursorSecret(current);
		afterReactive.setPreviousCursorSecrets(List.of(previous), Duration.ofHours(1));
		SingleTableTemplate currentOnly = blocking();
		currentOnly.setCursorSecret(current);

		String old = before.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page().nextCursor();
		after.setClock(Clock.fixed(rotation.plus(Duration.ofMinutes(50)), ZoneOffset.UTC));
		QueryPage<Task> resumed = after.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page(old);
		assertThat(resumed.items()).hasSize(4);
		afterReactive.setClock(Clock.fixed(rotation.plus(Duration.ofMinutes(50)), ZoneOffset.UTC));
		assertThat(afterReactive.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page(old)
			.block(WAIT).items()).isEqualTo(resumed.items());
		assertThat(currentOnly.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
			.page(resumed.nextCursor()).items()).as("new cursors are sealed with the current secret").hasSize(1);
		assertThatExceptionOfType(InvalidCursorException.class).as("without the previous secret")
			.isThrownBy(() -> currentOnly.query(Task.class).index("gsi1").partition("status#OPEN").limit(4)
				.page(old));

		after.setClock(Clock.fixed(rotation.plus(Duration.ofMinutes(61)), ZoneOffset.UTC));
		assertThatExceptionOfType(InvalidCursorException.class).as("after the grace period")
			.isThrownBy(() -> after.query(Task.class).index("gsi1").partition("status#OPEN").limit(4).page(old))
			.withMessageContaining("grace period");
		assertThat(dynamo.storedItem(SECRET_KEY, SECRET_KEY)).as("configured secrets leave the table alone").isEmpty();
	}

	private SingleTableTemplate blocking(ExecutionInterceptor... interceptors) {
		DynamoDbClient client = DynamoDbLocal.newClient(interceptors);
		this.clients.add(client);
		return new SingleTableTemplate(client, dynamo.tableName());
	}

	private ReactiveSingleTableTemplate reactive(ExecutionInterceptor... interceptors) {
		DynamoDbAsyncClient client = DynamoDbLocal.newAsyncClient(interceptors);
		this.clients.add(client);
		return new ReactiveSingleTableTemplate(client, dynamo.tableName(),
				new SingleTableTemplate(dynamo.client(), dynamo.tableName()).getConverter());
	}

	/**
	 * Forces two instances to race for the secret: each one's {@code PutItem} of the secret item waits until every
	 * instance's {@code GetItem} found it missing; counts the writes that won and lost.
	 */
	static final class SecretRace implements ExecutionInterceptor {

		final CountDownLatch missing;

		final AtomicInteger reads = new AtomicInteger();

		final AtomicInteger won = new AtomicInteger();

		final AtomicInteger lost = new AtomicInteger();

		SecretRace(int instances) {
			this.missing = new CountDownLatch(instances);
		}

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof PutItemRequest put && isSecret(put.item())) {
				try {
					assertThat(this.missing.await(20, TimeUnit.SECONDS)).as("every instance found it missing").isTrue();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof GetItemRequest get && isSecret(get.key())) {
				this.reads.incrementAndGet();
				if (!((GetItemResponse) context.response()).hasItem()
						|| ((GetItemResponse) context.response()).item().isEmpty()) {
					this.missing.countDown();
				}
			}
			if (context.request() instanceof PutItemRequest put && isSecret(put.item())) {
				this.won.incrementAndGet();
			}
		}

		@Override
		public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof PutItemRequest put && isSecret(put.item())
					&& context.exception() instanceof ConditionalCheckFailedException) {
				this.lost.incrementAndGet();
			}
		}

		private static boolean isSecret(Map<String, AttributeValue> key) {
			AttributeValue pk = key.get("pk");
			return pk != null && SECRET_KEY.equals(pk.s());
		}

		@SafeVarargs
		final <T> List<T> run(java.util.function.Supplier<T>... instances) throws Exception {
			List<CompletableFuture<T>> runs = new ArrayList<>();
			for (java.util.function.Supplier<T> instance : instances) {
				runs.add(CompletableFuture.supplyAsync(instance));
			}
			return runs.stream().map((run) -> run.orTimeout(60, TimeUnit.SECONDS).join()).toList();
		}

		void assertOneWriteWon() {
			assertThat(this.missing.getCount()).as("both found it missing").isZero();
			assertThat(this.won.get()).as("conditional writes that created the secret").isOne();
			assertThat(this.lost.get()).as("conditional writes that found it created").isOne();
			assertThat(dynamo.sortKeys(SECRET_KEY)).containsExactly(SECRET_KEY);
		}

	}

}
