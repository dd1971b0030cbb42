package dev.singletable.core.reactive;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the reactive template's audit rows and audit log queries have: where a row's details come from without
 * a thread to bind them to (the scope of the calling thread, the subscriber's Reactor context, a
 * {@code ReactiveAuditorAware} asked in that context), and audit log queries that read by demand and share their
 * cursors with the blocking queries.
 */
class ReactiveAuditIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final List<String> requests = new CopyOnWriteArrayList<>();

	private static DynamoDbAsyncClient client;

	private ReactiveSingleTableTemplate template;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(new ExecutionInterceptor() {

			@Override
			public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
				requests.add(context.request().getClass().getSimpleName().replace("Request", ""));
			}

		});
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		this.template = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		requests.clear();
	}

	private AuditEntry latestRow(String id) {
		return this.template.auditLog().forResource("Badge", id).limit(1).page(null).block().items().get(0);
	}

	@Test
	void theScopeOfTheCallingThreadHoldsWhereverTheWriteIsSubscribed() {
		this.template.setAuditorAware(() -> Optional.of("blocking-auditor"));
		Mono<TemplateBehaviourSuite.Badge> create = AuditScope.call(AuditDetails.changedBy("caller").with("k", "v"),
				() -> this.template.create(new TemplateBehaviourSuite.Badge("s1", null, "gold")));

		// subscribed outside the scope, on another thread
		create.subscribeOn(Schedulers.parallel()).block();

		// the row and the item, nothing else: no auditor asked, one transaction
		assertThat(requests).containsExactly("TransactWriteItems");
		AuditEntry row = latestRow("s1");
		assertThat(row.changedBy()).isEqualTo("caller");
		assertThat(row.metadata().get("k").asString()).isEqualTo("v");
	}

	@Test
	void operationsCalledInAnUnauditedBlockAddNoRowWhereverTheyAreSubscribed() {
		TemplateBehaviourSuite.Badge badge = this.template.create(new TemplateBehaviourSuite.Badge("u1", null, "gold"))
			.block();
		Mono<TemplateBehaviourSuite.Badge> update = AuditScope.callUnaudited(
				() -> this.template.update(new TemplateBehaviourSuite.Badge("u1", badge.version(), "silver")));
		Mono<TemplateBehaviourSuite.Badge> create = AuditScope.callUnaudited(
				() -> this.template.create(new TemplateBehaviourSuite.Badge("u2", null, "gold")));
		Mono<Boolean> delete = AuditScope.callUnaudited(
				() -> this.template.deleteById(TemplateBehaviourSuite.Badge.class, "u2"));

		// subscribed outside the block, on another thread; the context's details do not make them audited
		TemplateBehaviourSuite.Badge updated = update.subscribeOn(Schedulers.parallel()).block();
		create.contextWrite(Context.of(AuditDetails.class, AuditDetails.changedBy("request-user"))).block();
		assertThat(delete.block()).isTrue();

		assertThat(updated.version()).isEqualTo(2L);
		assertThat(this.template.auditLog().forResource("Badge", "u1").page(null).block().items())
			.extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);
		assertThat(this.template.auditLog().forResource("Badge", "u2").page(null).block().items()).isEmpty();
		// called outside the block, the next change adds its row again
		this.template.update(new TemplateBehaviourSuite.Badge("u1", updated.version(), "bronze")).block();
		assertThat(latestRow("u1").operation()).isEqualTo(AuditEntry.UPDATE);
	}

	@Test
	void deleteAllByIdWritesItsRowsWithTheScopeOfTheCallingThreadWhereverItIsSubscribed() {
		this.template.setAuditorAware(() -> Optional.of("blocking-auditor"));
		for (String id : List.of("da1", "da2", "da3")) {
			this.template.create(new TemplateBehaviourSuite.Badge(id, null, "gold")).block();
		}
		Mono<Void> deleteAll = AuditScope.call(AuditDetails.changedBy("caller").with("k", "v"),
				() -> this.template.deleteAllById(TemplateBehaviourSuite.Badge.class, List.of("da1", "da2")));
		Mono<Void> unaudited = AuditScope.callUnaudited(
				() -> this.template.deleteAllById(TemplateBehaviourSuite.Badge.class, List.of("da3")));

		// subscribed outside the scope and the block, on another thread
		deleteAll.subscribeOn(Schedulers.parallel()).block();
		unaudited.subscribeOn(Schedulers.parallel()).block();

		for (String id : List.of("da1", "da2")) {
			AuditEntry row = latestRow(id);
			assertThat(row.operation()).isEqualTo(AuditEntry.DELETE);
			assertThat(row.changedBy()).isEqualTo("caller");
			assertThat(row.metadata().get("k").asString()).isEqualTo("v");
		}
		assertThat(this.template.findById(TemplateBehaviourSuite.Badge.class, "da3").blockOptional()).isEmpty();
		assertThat(this.template.auditLog().forResource("Badge", "da3").page(null).block().items())
			.extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);
	}

	@Test
	void theSubscribersContextDetailsWinOverTheCallersScope() {
		Mono<TemplateBehaviourSuite.Badge> create = AuditScope.call(AuditDetails.changedBy("caller").with("k", "outer"),
				() -> this.template.create(new TemplateBehaviourSuite.Badge("s2", null, "gold")));

		create.contextWrite(Context.of(AuditDetails.class, AuditDetails.changedBy("request-user").with("k", "inner")))
			.block();

		AuditEntry row = latestRow("s2");
		assertThat(row.changedBy()).isEqualTo("request-user");
		assertThat(row.metadata().get("k").asString()).isEqualTo("inner");
	}

	@Test
	void theReactiveAuditorIsAskedInTheSubscribersContextAndWinsOverTheBlockingOne() {
		this.template.setAuditorAware(() -> Optional.of("blocking-auditor"));
		this.template.create(new TemplateBehaviourSuite.Badge("s3", null, "gold")).block();
		assertThat(latestRow("s3").changedBy()).isEqualTo("blocking-auditor");

		this.template.setReactiveAuditorAware(
				() -> Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty("user"))));
		this.template.update(new TemplateBehaviourSuite.Badge("s3", 1L, "silver"))
			.contextWrite(Context.of("user", "ctx-user"))
			.block();
		assertThat(latestRow("s3").changedBy()).isEqualTo("ctx-user");

		// an empty reactive auditor: no changer, the blocking one is not asked
		this.template.update(new TemplateBehaviourSuite.Badge("s3", 2L, "bronze")).block();
		assertThat(latestRow("s3").changedBy()).isNull();
	}

	@Test
	void auditLogCursorsResumeInTheOtherApiAndAllReadsPagesByDemand() {
		TemplateBehaviourSuite.Badge badge = this.template.create(new TemplateBehaviourSuite.Badge("c1", null, "t0"))
			.block();
		for (int i = 1; i <= 9; i++) {
			badge = this.template.update(new TemplateBehaviourSuite.Badge("c1", badge.version(), "t" + i)).block();
		}
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		byte[] secret = "shared-secret".getBytes();
		blocking.setCursorSecret(secret);
		this.template.setCursorSecret(secret);

		QueryPage<AuditEntry> first = this.template.auditLog().forResource("Badge", "c1").limit(3).page(null).block();
		QueryPage<AuditEntry> second = blocking.auditLog().forResource("Badge", "c1").limit(3).page(first.nextCursor());
		QueryPage<AuditEntry> third = this.template.auditLog()
			.forResource("Badge", "c1")
			.limit(3)
			.page(second.nextCursor())
			.block();
		assertThat(second.items()).isEqualTo(blocking.auditLog()
			.forResource("Badge", "c1")
			.limit(3)
			.stream()
			.skip(3)
			.limit(3)
			.toList());
		assertThat(third.items()).extracting(AuditEntry::id)
			.isEqualTo(blocking.auditLog().forResource("Badge", "c1").stream().skip(6).limit(3).map(AuditEntry::id).toList());

		requests.clear();
		List<AuditEntry> taken = this.template.auditLog().forResource("Badge", "c1").limit(3).all().take(4).collectList()
			.block();
		assertThat(taken).extracting(AuditEntry::id)
			.isEqualTo(blocking.auditLog().forResource("Badge", "c1").stream().limit(4).map(AuditEntry::id).toList());
		// two pages of three hold the four rows taken; the other two pages are never read
		assertThat(requests).containsExactly("Query", "Query");
		assertThat(this.template.auditLog().forResource("Badge", "c1").limit(3).all().count().block()).isEqualTo(10);
		assertThat(this.template.auditLog().findById(taken.get(0).id()).block()).isEqualTo(taken.get(0));
		assertThat(this.template.auditLog().findById("01ARZ3NDEKTSV4RRFFQ69G5FAV").blockOptional()).isEmpty();
	}

}
