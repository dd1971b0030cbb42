package dev.singletable.core

import java.time.LocalDate

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatExceptionOfType
import org.assertj.core.api.Assertions.assertThatIllegalArgumentException
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

import dev.singletable.core.audit.AuditEntry
import dev.singletable.fixtures.Counter
import dev.singletable.fixtures.Note
import dev.singletable.fixtures.Settings
import dev.singletable.fixtures.Status
import dev.singletable.fixtures.Task
import dev.singletable.fixtures.Ticket
import dev.singletable.test.DynamoDbLocalExtension

/**
 * The blocking template's Kotlin extensions on DynamoDB Local: every operation that takes a `Class` with a reified
 * type argument instead (reads returning `null` for none), atomic updates named by property references, partial
 * updates built from property references, the transaction's and snapshot's operations, and the audit log of a type.
 */
class SingleTableOperationsExtensionsIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-operations")

	}

	private lateinit var template: SingleTableTemplate

	@BeforeEach
	fun setUp() {
		this.template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
	}

	private fun task(id: String, title: String) =
		Task(id, null, title, Status.OPEN, "ann", LocalDate.of(2025, 6, 1), 1, null)

	@Test
	fun readsByIdTakeTheTypeAsATypeArgumentAndReturnNullForNone() {
		val created = this.template.create(task("t1", "first"))

		val found: Task? = this.template.findById<Task>("t1")
		assertThat(found).isEqualTo(created)
		assertThat(this.template.findById<Task>("missing")).isNull()
		assertThat(this.template.getById<Task>("t1")).isEqualTo(created)
		assertThatExceptionOfType(NoSuchResourceException::class.java)
			.isThrownBy { this.template.getById<Task>("missing") }
		assertThat(this.template.findAllById<Task>(listOf("missing", "t1"))).containsExactly(created)
		assertThat(this.template.query<Task>().all()).containsExactly(created)
		assertThat(this.template.deleteById<Task>("t1")).isTrue()
		assertThat(this.template.deleteById<Task>("t1")).isFalse()

		this.template.putAll(listOf(Counter("a", 0, setOf("x"), listOf()), Counter("b", 0, setOf("x"), listOf())))
		assertThat(this.template.findAllById<Counter>(listOf("a", "b"))).hasSize(2)
		this.template.deleteAllById<Counter>(listOf("a", "b"))
		assertThat(this.template.findAllById<Counter>(listOf("a", "b"))).isEmpty()
	}

	@Test
	fun theHistoryOfAVersionedTypeIsReadWithTheTypeAsATypeArgument() {
		val first = this.template.create(Note("n1", null, "draft"))
		val second = this.template.update(first.copy(text = "final"))

		assertThat(this.template.findVersion<Note>("n1", 1)).isEqualTo(first)
		assertThat(this.template.findVersion<Note>("n1", 7)).isNull()
		assertThat(this.template.findAllVersions<Note>("n1")).containsExactly(second, first)
		assertThat(this.template.findVersionSummaries<Note>("n1").map { it.version() }).containsExactly(2L, 1L)
		val restored = this.template.restoreVersion<Note>("n1", 1)
		assertThat(restored.version).isEqualTo(3)
		assertThat(restored.text).isEqualTo("draft")
		assertThat(this.template.deleteVersion<Note>("n1", 2)).isTrue()
		assertThat(this.template.findAllVersions<Note>("n1").map { it.version }).containsExactly(3L, 1L)
	}

	@Test
	fun aSingletonIsReadWithItsTypeAsATypeArgument() {
		assertThat(this.template.findSingleton<Settings>()).isNull()
		val settings = this.template.create(Settings(null, "dark"))

		assertThat(this.template.findSingleton<Settings>()).isEqualTo(settings)
		assertThatExceptionOfType(SingletonUsageException::class.java).isThrownBy { this.template.findSingleton<Task>() }
	}

	@Test
	fun atomicUpdatesNameTheirPropertyByReferenceOrByNameWithTheTypeAsATypeArgument() {
		this.template.create(Counter("c1", 0, setOf("a"), listOf()))

		assertThat(this.template.increment("c1", Counter::hits, 5)).isEqualTo(5)
		assertThat(this.template.increment<Counter>("c1", "hits", 2)).isEqualTo(7)
		this.template.addToSet("c1", Counter::tags, "b", "c")
		this.template.removeFromSet("c1", Counter::tags, "a")
		this.template.addToSet<Counter>("c1", "tags", "d")
		this.template.removeFromSet<Counter>("c1", "tags", "b")
		this.template.appendToList("c1", Counter::log, "one")
		this.template.appendToList<Counter>("c1", "log", "two")

		assertThat(this.template.getById<Counter>("c1")).isEqualTo(Counter("c1", 7, setOf("c", "d"), listOf("one", "two")))
	}

	@Test
	fun partialUpdatesNameTheirPropertiesByReference() {
		val created = this.template.create(task("t1", "first"))

		val updated = this.template.update(created) {
			set(Task::title, "second")
			clear(Task::due)
		}
		assertThat(updated.title).isEqualTo("second")
		assertThat(updated.due).isNull()
		assertThat(this.template.getById<Task>("t1")).isEqualTo(updated)
		val changes = changesOf<Task> { set(Task::priority, 4) }.and(Task::status, Status.DONE).clear(Task::assignee)
		assertThat(changes.values()).containsEntry("priority", 4).containsEntry("status", Status.DONE)
		assertThat(changes.cleared()).containsExactly("assignee")
		val third = this.template.update(updated, changes)
		assertThat(this.template.getById<Task>("t1")).isEqualTo(third)
		assertThat(third.assignee).isNull()
		assertThat(third.priority).isEqualTo(4)
		// what the Java changes refuse, they refuse for Kotlin: a property the type does not store
		assertThatIllegalArgumentException().isThrownBy { this.template.update(third) { set(Task::scratch, "x") } }
			.withMessageContaining("scratch")
	}

	@Test
	fun theOperationsOfATransactionAndOfASnapshotTakeTheTypeAsATypeArgument() {
		val note = this.template.create(Note("n1", null, "draft"))
		this.template.update(note.copy(text = "final"))
		this.template.create(Note("n2", null, "other"))
		this.template.create(Counter("c1", 1, setOf("a"), listOf()))
		this.template.create(Counter("c2", 0, setOf("x", "y"), listOf()))
		this.template.create(Counter("c3", 0, setOf("x", "w"), listOf()))
		this.template.create(task("gone", "to delete"))
		val t1 = this.template.create(task("t1", "first"))

		// one operation per item and transaction: the operations of the same items in several transactions
		this.template.transaction { tx ->
			tx.requireExists<Counter>("c1")
			tx.requireAbsent<Task>("new")
			tx.requireVersion<Note>("n2", 1)
			tx.restoreVersion<Note>("n1", 1)
			tx.deleteById<Task>("gone")
			tx.increment("c3", Counter::hits, 2)
			tx.update(t1) { set(Task::priority, 9) }
		}
		this.template.transaction { tx ->
			tx.increment<Counter>("c2", "hits", 3)
			tx.addToSet("c1", Counter::tags, "b")
			tx.removeFromSet<Counter>("c3", "tags", "x")
		}
		this.template.transaction { tx ->
			tx.appendToList("c1", Counter::log, "one")
			tx.addToSet<Counter>("c2", "tags", "z")
		}
		this.template.transaction { tx ->
			tx.appendToList<Counter>("c2", "log", "two")
			tx.removeFromSet("c1", Counter::tags, "a")
		}

		val snapshot = this.template.readTransaction { reads ->
			reads.get<Note>("n1")
			reads.get<Counter>("c1")
			reads.get<Counter>("c2")
			reads.get<Counter>("c3")
			reads.get<Task>("gone")
		}
		assertThat(snapshot.get<Note>("n1")?.text).isEqualTo("draft")
		assertThat(snapshot.get<Note>("n1")?.version).isEqualTo(3)
		assertThat(snapshot.get<Counter>("c1")).isEqualTo(Counter("c1", 1, setOf("b"), listOf("one")))
		assertThat(snapshot.get<Counter>("c2")).isEqualTo(Counter("c2", 3, setOf("x", "y", "z"), listOf("two")))
		assertThat(snapshot.get<Counter>("c3")).isEqualTo(Counter("c3", 2, setOf("w"), listOf()))
		assertThat(snapshot.get<Task>("gone")).isNull()
		assertThat(this.template.getById<Task>("t1").priority).isEqualTo(9)
		assertThatExceptionOfType(TransactionCancelledException::class.java).isThrownBy {
			this.template.transaction { tx ->
				tx.requireAbsent<Counter>("c1")
				tx.deleteById<Counter>("c2")
			}
		}
		assertThat(this.template.findById<Counter>("c2")).isNotNull()
	}

	@Test
	fun theAuditLogOfATypeIsNamedByTheType() {
		val ticket = this.template.create(Ticket("k1", null, "open"))
		this.template.update(ticket.copy(state = "closed"))
		this.template.create(Ticket("k2", null, "open"))

		assertThat(this.template.auditLog<Ticket>("k1").page(null).items().map { it.operation() })
			.containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE)
		assertThat(this.template.auditLog<Ticket>().page(null).items().map { it.resourceId() })
			.containsExactlyInAnyOrder("k1", "k1", "k2")
	}

}
