package dev.singletable.core.reactive

import java.time.LocalDate

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.test.runTest
import kotlinx.coroutines.withContext
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.transaction.reactive.TransactionalOperator
import org.springframework.transaction.reactive.executeAndAwait
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest

import dev.singletable.core.TransactionCancelledException
import dev.singletable.core.UnsubscribedWriteException
import dev.singletable.core.changesOf
import dev.singletable.fixtures.Counter
import dev.singletable.fixtures.Note
import dev.singletable.fixtures.Status
import dev.singletable.fixtures.Task
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import dev.singletable.test.RequestCounter

/**
 * Transactions of the reactive template from coroutines, on DynamoDB Local: a suspending block is one
 * `TransactWriteItems` holding the template's writes made in it (from any thread of the coroutine) and the
 * transaction's own operations, as suspend functions; a block that throws writes nothing, a cancelled transaction
 * throws the same exception as Java, and a `Mono` of the Java handle left unsubscribed fails the transaction.
 */
class ReactiveSingleTableTransactionExtensionsIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-reactive-transactions")

	}

	private val requests = RequestCounter()

	private lateinit var client: DynamoDbAsyncClient

	private lateinit var template: ReactiveSingleTableTemplate

	@BeforeEach
	fun setUp() {
		this.client = DynamoDbLocal.newAsyncClient(this.requests)
		this.template = ReactiveSingleTableTemplate(this.client, dynamo.tableName())
	}

	@AfterEach
	fun close() {
		this.client.close()
	}

	private fun task(id: String, title: String) =
		Task(id, null, title, Status.OPEN, "ann", LocalDate.of(2025, 6, 1), 1, null)

	@Test
	fun aSuspendingBlockIsOneTransactionHoldingTheTemplatesWritesMadeInIt() = runTest {
		template.awaitCreate(Counter("c1", 0, setOf("a"), listOf()))
		requests.reset()

		val created = template.awaitTransaction { transaction ->
			val first = template.awaitCreate(task("t1", "first"))
			delay(10)
			transaction.increment("c1", Counter::hits, 1)
			// from another thread of the coroutine too: its Reactor context goes along
			withContext(Dispatchers.IO) { template.awaitCreate(task("t2", "second")) }
			assertThat(template.awaitFindById<Task>("t1")).describedAs("not written before the commit").isNull()
			first
		}

		assertThat(created.id).isEqualTo("t1")
		assertThat(created.version).isEqualTo(1)
		assertThat(requests.operations()).containsOnlyOnce("TransactWriteItems").doesNotContain("PutItem")
		assertThat(requests.sent(TransactWriteItemsRequest::class.java).single().transactItems()).hasSize(3)
		assertThat(template.awaitGetById<Task>("t1")).isEqualTo(created)
		assertThat(template.awaitFindById<Task>("t2")).isNotNull()
		assertThat(template.awaitGetById<Counter>("c1").hits).isEqualTo(1)
	}

	@Test
	fun aBlockThatThrowsWritesNothingAndACancelledTransactionThrowsAsInJava() = runTest {
		val failure = assertThrows<IllegalStateException> {
			template.awaitTransaction { _ ->
				template.awaitCreate(task("t1", "first"))
				error("changed my mind")
			}
		}
		assertThat(failure).hasMessage("changed my mind")
		assertThat(requests.operations()).doesNotContain("TransactWriteItems")
		assertThat(template.awaitFindById<Task>("t1")).isNull()

		val cancelled = assertThrows<TransactionCancelledException> {
			template.awaitTransaction { transaction ->
				template.awaitCreate(task("t2", "second"))
				transaction.requireExists<Counter>("missing")
			}
		}
		assertThat(cancelled.failures).hasSize(1)
		assertThat(template.awaitFindById<Task>("t2")).isNull()
	}

	@Test
	fun aWriteOfTheMonoHandleForgottenInTheBlockFailsTheTransactionAndNothingIsStored() = runTest {
		val forgotten = assertThrows<UnsubscribedWriteException> {
			template.awaitTransaction { tx ->
				tx.reactive.create(task("t1", "never subscribed"))
				tx.create(task("t2", "awaited"))
			}
		}

		assertThat(forgotten.writes).containsExactly("create of Task 't1'")
		assertThat(requests.operations()).doesNotContain("TransactWriteItems")
		assertThat(template.awaitFindById<Task>("t1")).isNull()
		assertThat(template.awaitFindById<Task>("t2")).isNull()
	}

	@Test
	fun theWritesOfTheHandleAreTheWritesThemselves() = runTest {
		template.awaitTransaction { tx ->
			tx.create(task("t1", "first"))
			tx.create(task("t2", "second"))
		}

		assertThat(requests.sent(TransactWriteItemsRequest::class.java).single().transactItems()).hasSize(2)
		assertThat(template.awaitFindById<Task>("t1")).isNotNull()
		assertThat(template.awaitFindById<Task>("t2")).isNotNull()
	}

	@Test
	fun aBlockInsideASpringManagedTransactionJoinsIt() = runTest {
		val factory = ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName())
		val managed = ReactiveSingleTableTemplate(factory, template.converter)
		val operator = TransactionalOperator.create(ReactiveSingleTableTransactionManager(factory))

		assertThrows<IllegalStateException> {
			operator.executeAndAwait {
				managed.awaitTransaction { managed.awaitCreate(task("t1", "in the block")) }
				managed.awaitCreate(task("t2", "after the block"))
				error("roll back")
			}
		}
		assertThat(managed.awaitFindById<Task>("t1")).describedAs("rolled back with the Spring transaction").isNull()
		assertThat(managed.awaitFindById<Task>("t2")).isNull()

		requests.reset()
		operator.executeAndAwait {
			managed.awaitTransaction { managed.awaitCreate(task("t1", "in the block")) }
			managed.awaitCreate(task("t2", "after the block"))
		}
		assertThat(requests.sent(TransactWriteItemsRequest::class.java).single().transactItems()).hasSize(2)
		assertThat(managed.awaitFindById<Task>("t1")).isNotNull()
		assertThat(managed.awaitFindById<Task>("t2")).isNotNull()
	}

	@Test
	fun theOperationsOfTheTransactionAreSuspendFunctions() = runTest {
		val note = template.awaitCreate(Note("n1", null, "draft"))
		template.awaitUpdate(note.copy(text = "final"))
		val other = template.awaitCreate(Note("n2", null, "other"))
		template.awaitCreate(Counter("c1", 0, setOf("a"), listOf()))
		template.awaitCreate(Counter("c2", 0, setOf("a"), listOf()))
		template.awaitCreate(Counter("c3", 0, setOf("a", "w"), listOf()))
		template.awaitCreate(task("gone", "to delete"))
		val t1 = template.awaitCreate(task("t1", "first"))

		// one operation per item and transaction
		val renamed = template.awaitTransaction { tx ->
			tx.create(Counter("c4", 0, setOf("n"), listOf()))
			tx.restoreVersion<Note>("n1", 1)
			tx.deleteById<Task>("gone")
			tx.increment<Counter>("c1", "hits", 2)
			tx.addToSet("c2", Counter::tags, "b")
			tx.requireExists<Counter>("c3")
			tx.requireAbsent<Task>("new")
			tx.requireVersion<Note>("n2", 1)
			tx.update(t1.copy(title = "renamed"))
		}
		val saved = template.awaitTransaction { tx ->
			tx.increment("c2", Counter::hits, 1)
			tx.addToSet<Counter>("c1", "tags", "x")
			tx.removeFromSet("c3", Counter::tags, "a")
			tx.requireVersion(other, 1)
			tx.update(renamed, changesOf<Task> { set(Task::priority, 5) })
			tx.save(Counter("c5", 0, setOf("s"), listOf()))
		}
		template.awaitTransaction { tx ->
			tx.update(template.awaitGetById<Task>("t1")) { set(Task::status, Status.DONE) }
			tx.removeFromSet<Counter>("c1", "tags", "a")
			tx.appendToList("c2", Counter::log, "one")
			tx.appendToList<Counter>("c3", "log", "two")
			tx.delete(saved)
		}

		assertThat(template.awaitGetById<Note>("n1").text).isEqualTo("draft")
		assertThat(template.awaitFindById<Task>("gone")).isNull()
		assertThat(template.awaitGetById<Counter>("c1")).isEqualTo(Counter("c1", 2, setOf("x"), listOf()))
		assertThat(template.awaitGetById<Counter>("c2")).isEqualTo(Counter("c2", 1, setOf("a", "b"), listOf("one")))
		assertThat(template.awaitGetById<Counter>("c3")).isEqualTo(Counter("c3", 0, setOf("w"), listOf("two")))
		assertThat(template.awaitFindById<Counter>("c4")).isNotNull()
		assertThat(template.awaitFindById<Counter>("c5")).isNull()
		val t1Now = template.awaitGetById<Task>("t1")
		assertThat(t1Now.title).isEqualTo("renamed")
		assertThat(t1Now.priority).isEqualTo(5)
		assertThat(t1Now.status).isEqualTo(Status.DONE)
	}

}
