package dev.singletable.core.reactive;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.util.ClassUtils;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Article;
import dev.singletable.core.fixtures.Comment;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The same queries through the blocking {@link SingleTableQuery} and the {@link ReactiveSingleTableQuery}, on the
 * same data: each query of {@link #queries()} is built on both from one list of builder calls, and its results,
 * counts, first results, pages and cursors must be the same; cursors pass from one API to the other.
 */
class ReactiveQueryParityIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** Seeded once for the class, so not registered: it would empty the table before each test. */
	private static final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-reactive-parity");

	private static final RequestCounter requests = new RequestCounter();

	private static DynamoDbAsyncClient client;

	private static SingleTableTemplate template;

	private static ReactiveSingleTableTemplate reactiveTemplate;

	private static Article article;

	@BeforeAll
	static void seed() {
		dynamo.ensureTable();
		dynamo.emptyTable();
		template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.putAll(IntStream.range(0, 40)
			.mapToObj((i) -> Task.of("t" + i, (i % 4 == 0) ? Status.DONE : Status.OPEN, (i % 3 == 0) ? "bob" : "ann",
					LocalDate.of(2025, 1, 1).plusDays(i * 3), i % 10))
			.toList());
		for (int i = 0; i < 5; i++) {
			Article created = template.create(Article.of("a" + i, "ann", "draft"));
			article = template.update(template.update(created.withStatus("review")).withStatus("live"));
		}
		template.create(Comment.of("ann", "nice"));
		template.create(Comment.of("bob", "fine"));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName())
			.item(Map.of("pk", s("Stranger#1"), "sk", s("Stranger#1"), "gsi1pk", s("author#ann"))));
		client = AsyncClients.newAsyncClient(requests);
		reactiveTemplate = new ReactiveSingleTableTemplate(
				ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName()),
				template.getConverter());
	}

	@AfterAll
	static void close() {
		client.close();
		dynamo.afterAll(null);
	}

	@BeforeEach
	void resetRequests() {
		requests.reset();
	}

	static Stream<Arguments> queries() {
		Predicate<Task> oddTitle = (task) -> task.title().endsWith("1") || task.title().endsWith("3");
		return Stream.of(
				shape("type listing", tasks()),
				shape("type listing, descending", tasks(), call("descending")),
				shape("index partition", tasks(), call("index", "gsi1"), call("partition", "status#OPEN")),
				shape("index partition, descending", tasks(), call("index", "gsi1"), call("partition", "status#OPEN"),
						call("descending")),
				shape("sort between", tasks(), call("index", "gsi3"), call("partition", "owner#ann"),
						call("sortBetween", "2025-02-01", "2025-03-01#~")),
				shape("sort begins with", tasks(), call("index", "gsi3"), call("partition", "owner#ann"),
						call("sortBeginsWith", "2025-03")),
				shape("sort less than", tasks(), call("index", "gsi3"), call("partition", "owner#ann"),
						call("sortLessThan", "2025-02")),
				shape("sort from, descending", tasks(), call("index", "gsi3"), call("partition", "owner#bob"),
						call("sortGreaterThanOrEqual", "2025-02-15"), call("descending")),
				shape("computed index", tasks(), call("index", "gsi2"), call("partition", "urgent")),
				shape("filter", tasks(), call("index", "gsi1"), call("partition", "status#OPEN"),
						call("filter", Filter.property("priority").ge(5))),
				shape("where filter", tasks(), call("index", "gsi1"), call("partition", "status#OPEN"),
						call("where", Filter.property("priority").eq(3))),
				shape("where predicate", tasks(), call("index", "gsi1"), call("partition", "status#OPEN"),
						call("where", oddTitle)),
				shape("filter and limit", tasks(), call("index", "gsi1"), call("partition", "status#OPEN"),
						call("filter", Filter.property("priority").ge(2)), call("limit", 7)),
				shape("offset and limit", tasks(), call("index", "gsi1"), call("partition", "status#OPEN"),
						call("offset", 5L), call("limit", 10)),
				shape("select", tasks(), call("index", "gsi1"), call("partition", "status#DONE"),
						call("select", (Object) new String[] { "title" })),
				shape("versioned type listing", List.of(Article.class)),
				shape("versioned id", List.of(Article.class), call("id", article.id())),
				shape("versioned table partition", List.of(Article.class), call("table"),
						call("partition", "Article#" + article.id()), call("consistentRead")),
				shape("several types", List.of(Article.class, Comment.class), call("index", "gsi1"),
						call("partition", "author#ann")),
				shape("empty partition", tasks(), call("index", "gsi1"), call("partition", "status#NONE")),
				shape("several partitions", tasks(), call("index", "gsi1"),
						call("partitionIn", List.of("status#OPEN", "status#DONE"))),
				shape("several partitions by sort key, descending", tasks(), call("index", "gsi3"),
						call("partitionIn", List.of("owner#ann", "owner#bob")), call("descending")),
				shape("several partitions, sort range, filter and limit", tasks(), call("index", "gsi3"),
						call("partitionIn", List.of("owner#bob", "owner#ann", "owner#nobody")),
						call("sortGreaterThanOrEqual", "2025-01-20"), call("filter", Filter.property("priority").ge(3)),
						call("limit", 11)),
				shape("several partitions, offset", tasks(), call("index", "gsi3"),
						call("partitionIn", List.of("owner#ann", "owner#bob")), call("offset", 7L), call("limit", 12)),
				shape("several partitions, where predicate", tasks(), call("index", "gsi1"),
						call("partitionIn", List.of("status#DONE", "status#OPEN")), call("where", oddTitle)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("queries")
	void bothApisReturnTheSameResultsCountsAndFirstResults(String name, List<Class<?>> types, List<Call> calls) {
		List<Object> blocking = blocking(types, calls).all();
		assertThat(reactive(types, calls).all().collectList().block(WAIT)).isEqualTo(blocking);
		assertThat(reactive(types, calls).count().block(WAIT)).isEqualTo(blocking(types, calls).count());
		assertThat(Optional.ofNullable(reactive(types, calls).first().block(WAIT)))
			.isEqualTo(blocking(types, calls).first());
		if (!name.contains("empty")) {
			assertThat(blocking).as("the query finds something").isNotEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("queries")
	void bothApisReadTheSamePagesWithTheSameCursors(String name, List<Class<?>> types, List<Call> calls) {
		List<Call> paged = withPageSize(calls, 3);
		String blockingCursor = null;
		String reactiveCursor = null;
		int pages = 0;
		do {
			QueryPage<Object> blocking = blocking(types, paged).page(blockingCursor);
			QueryPage<Object> reactive = reactive(types, paged).page(reactiveCursor).block(WAIT);
			assertThat(reactive.items()).as("page %d", pages).isEqualTo(blocking.items());
			// cursors hold a random nonce: the same positions, not the same strings (each API goes on with its own)
			assertThat(reactive.nextCursor() == null).as("last page %d", pages).isEqualTo(blocking.nextCursor() == null);
			assertThat(reactive.cursors()).hasSameSizeAs(blocking.cursors());
			blockingCursor = blocking.nextCursor();
			reactiveCursor = reactive.nextCursor();
			pages++;
		}
		while (blockingCursor != null && pages < 30);
		assertThat(reactive(types, paged).pageBefore(null).block(WAIT).items())
			.isEqualTo(blocking(types, paged).pageBefore(null).items());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("queries")
	void aCursorOfEitherApiResumesInTheOther(String name, List<Class<?>> types, List<Call> calls) {
		List<Call> paged = withPageSize(calls, 3);
		List<Object> alternating = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			QueryPage<Object> page = (pages % 2 == 0) ? blocking(types, paged).page(cursor)
					: reactive(types, paged).page(cursor).block(WAIT);
			alternating.addAll(page.items());
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null && pages < 30);
		List<Object> blockingOnly = new ArrayList<>();
		cursor = null;
		do {
			QueryPage<Object> page = blocking(types, paged).page(cursor);
			blockingOnly.addAll(page.items());
			cursor = page.nextCursor();
		}
		while (cursor != null);
		assertThat(alternating).isEqualTo(blockingOnly);
		if (blockingOnly.size() > 3) {
			assertThat(pages).as("read across both APIs").isGreaterThan(1);
		}
	}

	@Test
	void nothingIsSentBeforeSubscribing() {
		ReactiveSingleTableQuery<Task> query = reactiveTasks();
		query.all();
		query.page();
		query.count();
		query.first();

		assertThat(requests.calls()).isZero();
		assertThat(query.count().block(WAIT)).isEqualTo(30L);
		assertThat(requests.calls("Query")).isOne();
	}

	@Test
	void tamperedOrForeignCursorsAreInvalidCursorErrors() {
		String cursor = reactiveTasks().limit(2).page().block(WAIT).nextCursor();
		assertThat(cursor).isNotNull();
		// one bit of the encrypted key flipped
		byte[] sealed = Base64.getUrlDecoder().decode(cursor);
		sealed[sealed.length / 2] ^= 1;
		String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

		for (String bad : List.of("garbage", "", cursor.substring(0, cursor.length() - 4), altered, cursor + "x")) {
			assertThatExceptionOfType(InvalidCursorException.class).as(bad)
				.isThrownBy(() -> reactiveTasks().page(bad).block(WAIT));
		}
		assertThatExceptionOfType(InvalidCursorException.class).as("other partition")
			.isThrownBy(() -> reactiveTemplate.<Task>query(List.of(Task.class), false).index("gsi1")
				.partition("status#DONE").page(cursor).block(WAIT));
		assertThatExceptionOfType(InvalidCursorException.class).as("other type")
			.isThrownBy(() -> reactiveTemplate.<Comment>query(List.of(Comment.class), false).index("gsi1")
				.partition("status#OPEN").page(cursor).block(WAIT));
		assertThatExceptionOfType(InvalidCursorException.class).as("a blocking cursor of another query")
			.isThrownBy(() -> reactiveTasks()
				.page(template.query(Article.class).limit(2).page().nextCursor()).block(WAIT));
		assertThat(requests.calls("Query")).as("refused before reading").isOne();
		assertThat(reactiveTasks().limit(2).page(cursor).block(WAIT).items())
			.isEqualTo(template.query(Task.class).index("gsi1").partition("status#OPEN").limit(2).page(cursor).items());
	}

	@Test
	void badQueriesFailAsErrorsOfTheirMono() {
		Function<ReactiveSingleTableQuery<Task>, Object> consistentOnIndex = (query) -> query.consistentRead().all();

		assertThat(consistentOnIndex.apply(reactiveTasks())).as("refused when subscribed, not when built").isNotNull();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> reactiveTasks().consistentRead().all().blockLast(WAIT))
			.withMessageContaining("only supports eventually consistent reads");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> reactiveTemplate.<Comment>query(List.of(Comment.class), false).index("gsi1")
				.partition("author#ann").filter(Filter.property("text").eq("x")).filter(Filter.property("nope").eq(1))
				.count().block(WAIT))
			.withMessageContaining("'nope'");
		assertThat(requests.calls()).isZero();
	}

	@Test
	void severalPartitionsAreReadByDemandAndOneIsAPartition() {
		ReactiveSingleTableQuery<Task> merged = reactiveTemplate.<Task>query(List.of(Task.class), false)
			.index("gsi3").partitionIn(List.of("owner#ann", "owner#bob"));

		merged.all();
		assertThat(requests.calls()).as("nothing sent before subscribing").isZero();
		List<Task> firstFour = merged.all().take(4).collectList().block(WAIT);
		assertThat(firstFour).isEqualTo(template.query(Task.class).index("gsi3")
			.partitionIn(List.of("owner#ann", "owner#bob")).limit(4).all());
		assertThat(requests.calls("Query")).as("one request per partition for the first results").isEqualTo(2);
		requests.reset();
		assertThat(merged.all().collectList().block(WAIT)).hasSize(40);
		assertThat(reactiveTemplate.<Task>query(List.of(Task.class), false).index("gsi1")
			.partitionIn(List.of("status#OPEN", "status#OPEN")).all().collectList().block(WAIT))
			.isEqualTo(template.query(Task.class).index("gsi1").partition("status#OPEN").all());
	}

	@Test
	void aDriftedIndexIsRefusedAsTheBlockingQueryRefusesIt() {
		ReactiveSingleTableTemplate guarded = new ReactiveSingleTableTemplate(
				ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName()), template.getConverter());
		guarded.setIndexDriftGuard((type, index) -> "gsi1".equals(index)
				? new IndexDrift(type, "Task", index, "its partition template changed", "reindex gsi1") : null);

		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> guarded.query(Task.class).index("gsi1")
				.partition("status#OPEN").all().blockLast(WAIT))
			.withMessageContaining("reindex gsi1");
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> guarded.query(Task.class).index("gsi1")
				.partition("status#OPEN").page().block(WAIT));
		assertThat(requests.calls()).isZero();
		assertThat(guarded.query(Task.class).index("gsi3").partition("owner#ann").count()
			.block(WAIT)).isEqualTo(template.query(Task.class).index("gsi3").partition("owner#ann").count());
	}

	private static ReactiveSingleTableQuery<Task> reactiveTasks() {
		return reactiveTemplate.<Task>query(List.of(Task.class), false).index("gsi1").partition("status#OPEN");
	}

	private static SingleTableQuery<Object> blocking(List<Class<?>> types, List<Call> calls) {
		SingleTableQuery<Object> query = (types.size() == 1) ? template.query(cast(types.get(0)))
				: template.queryAny(types.toArray(Class<?>[]::new));
		return apply(SingleTableQuery.class, query, calls);
	}

	private static ReactiveSingleTableQuery<Object> reactive(List<Class<?>> types, List<Call> calls) {
		return apply(ReactiveSingleTableQuery.class, reactiveTemplate.query(types, types.size() > 1), calls);
	}

	@SuppressWarnings("unchecked")
	private static <T> Class<T> cast(Class<?> type) {
		return (Class<T>) type;
	}

	/** Applies each builder call through the query interface's method of that name taking those arguments. */
	@SuppressWarnings("unchecked")
	private static <Q> Q apply(Class<?> api, Q query, List<Call> calls) {
		Object current = query;
		for (Call call : calls) {
			Method method = Arrays.stream(api.getMethods())
				.filter((candidate) -> candidate.getName().equals(call.name()) && fits(candidate, call.arguments()))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException(api.getSimpleName() + " has no " + call));
			try {
				current = method.invoke(current, call.arguments());
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InvocationTargetException ex) {
				throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
			}
		}
		return (Q) current;
	}

	private static boolean fits(Method method, Object[] arguments) {
		Class<?>[] parameters = method.getParameterTypes();
		if (parameters.length != arguments.length) {
			return false;
		}
		for (int i = 0; i < parameters.length; i++) {
			if (!ClassUtils.isAssignableValue(parameters[i], arguments[i])) {
				return false;
			}
		}
		return true;
	}

	private static List<Call> withPageSize(List<Call> calls, int size) {
		if (calls.stream().anyMatch((call) -> call.name().equals("limit"))) {
			return calls;
		}
		List<Call> paged = new ArrayList<>(calls);
		paged.add(call("limit", size));
		return paged;
	}

	private static List<Class<?>> tasks() {
		return List.of(Task.class);
	}

	private static Arguments shape(String name, List<Class<?>> types, Call... calls) {
		return Arguments.of(name, types, List.of(calls));
	}

	private static Call call(String name, Object... arguments) {
		return new Call(name, arguments);
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	/** One builder call: a method name and its arguments. */
	record Call(String name, @Nullable Object[] arguments) {

		@Override
		public String toString() {
			return this.name + Arrays.toString(this.arguments);
		}

	}

}
