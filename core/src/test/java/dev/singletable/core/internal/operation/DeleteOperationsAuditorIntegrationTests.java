package dev.singletable.core.internal.operation;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.AuditorAware;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deletes of {@link DeleteOperations} ask the caller for the details of an audit row (the template's
 * {@link AuditorAware}) only when there is something to delete: a delete of nothing asks nothing, on both APIs,
 * inside and outside a transaction; a real delete asks.
 */
class DeleteOperationsAuditorIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static DynamoDbAsyncClient asyncClient;

	private final AtomicInteger asked = new AtomicInteger();

	private final AuditorAware<String> auditor = () -> {
		this.asked.incrementAndGet();
		return Optional.of("auditor");
	};

	private SingleTableTemplate template;

	private ReactiveSingleTableTemplate reactiveTemplate;

	@BeforeAll
	static void startClient() {
		asyncClient = DynamoDbLocal.newAsyncClient();
	}

	@AfterAll
	static void closeClient() {
		asyncClient.close();
	}

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setAuditorAware(this.auditor);
		this.reactiveTemplate = new ReactiveSingleTableTemplate(asyncClient, dynamo.tableName());
		this.reactiveTemplate.setAuditorAware(this.auditor);
	}

	@Test
	void deletesOfNothingDoNotAskTheAuditor() {
		assertThat(this.template.deleteById(Ledger.class, "missing-1")).isFalse();
		this.template.delete(new Ledger("missing-2", 3L, "gone"));
		this.template.deleteAllById(Ledger.class, List.of("missing-3", "missing-4"));

		assertThat(this.asked).as("blocking deletes of missing resources").hasValue(0);
	}

	@Test
	void reactiveDeletesOfNothingDoNotAskTheAuditor() {
		assertThat(this.reactiveTemplate.deleteById(Ledger.class, "missing-5").block()).isFalse();
		this.reactiveTemplate.delete(new Ledger("missing-6", 3L, "gone")).block();
		this.reactiveTemplate.deleteAllById(Ledger.class, List.of("missing-7", "missing-8")).block();

		assertThat(this.asked).as("reactive deletes of missing resources").hasValue(0);
	}

	@Test
	void aDeleteOfNothingInATransactionDoesNotAskTheAuditor() {
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()));

		transactions.executeWithoutResult((status) -> {
			this.template.deleteById(Ledger.class, "missing-9");
			this.template.deleteAllById(Ledger.class, List.of("missing-10"));
		});

		assertThat(this.asked).hasValue(0);
	}

	@Test
	void realDeletesAskTheAuditorOnBothApis() {
		Ledger blocking = this.template.create(new Ledger("real-1", null, "kept"));
		Ledger reactive = this.template.create(new Ledger("real-2", null, "kept"));
		this.template.create(new Ledger("real-3", null, "kept"));
		this.asked.set(0);

		this.template.delete(blocking);
		assertThat(this.asked).as("blocking delete").hasValue(1);
		assertThat(this.reactiveTemplate.deleteById(Ledger.class, reactive.id()).block()).isTrue();
		assertThat(this.asked).as("reactive deleteById").hasValue(2);
		this.template.deleteAllById(Ledger.class, List.of("real-3", "missing-11"));
		assertThat(this.asked).as("blocking deleteAllById, one resource stored").hasValue(3);
		assertThat(this.template.findById(Ledger.class, "real-1")).isEmpty();
		assertThat(this.template.findById(Ledger.class, "real-2")).isEmpty();
		assertThat(this.template.findById(Ledger.class, "real-3")).isEmpty();
	}

	@SingleTableEntity
	@Audited
	record Ledger(@Id String id, @Version Long version, String text) {

	}

}
