package dev.singletable.core.reactive

import java.time.Duration
import java.time.LocalDate

import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient

import dev.singletable.core.DuplicateResourceException
import dev.singletable.core.NoSuchResourceException
import dev.singletable.core.SingletonUsageException
import dev.singletable.core.VersionConflictException
import dev.singletable.core.changesOf
import dev.singletable.core.get
import dev.singletable.fixtures.Counter
import dev.singletable.fixtures.Note
import dev.singletable.fixtures.Settings
import dev.singletable.fixtures.Status
import dev.singletable.fixtures.Task
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension

/**
 * The reactive template's Kotlin extensions on DynamoDB Local: the operations that take a `Class` with a reified type
 * argument (still a `Mono` or `Flux`), and every operation as a `suspend` function (reads returning `null` for none,
 * failures thrown as the same exceptions) or a `Flow`.
 */
class ReactiveSingleTableOperationsExtensionsIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-reactive-operations")

		private val WAIT: Duration = Duration.ofSeconds(30)

	}

	private lateinit var client: DynamoDbAsyncClient

	private lateinit var template: ReactiveSingleTableTemplate

	@BeforeEach
	fun setUp() {
		this.client = DynamoDbLocal.newAsyncClient()
		this.template = ReactiveSingleTableTemplate(this.client, dynamo.tableName())
	}

	@AfterEach
	fun close() {
		this.client.close()
	}

	private fun task(id: String, title: String) =
		Task(id, null, title, Status.OPEN, "ann", LocalDate.of(2025, 6, 1), 1, null)

	@Test
	fun theOperationsThatTakeAClassTakeTheTypeAsATypeArgument() {
		val task = this.template.create(task("t1", "first")).block(WAIT)!!
		val note = this.template.create(Note("n1", null, "draft")).block(WAIT)!!
		val second = this.template.update(note) { set(Note::text, "final") }.block(WAIT)!!
		this.template.create(Counter("c1", 0, setOf("a"), listOf())).block(WAIT)

		assertThat(this.template.findById<Task>("t1").block(WAIT)).isEqualTo(task)
		assertThat(this.template.findById<Task>("missing").block(WAIT)).isNull()
		assertThat(this.template.getById<Task>("t1").block(WAIT)).isEqualTo(task)
		assertThat(this.template.findAllById<Task>(listOf("t1", "missing")).collectList().block(WAIT)).containsExactly(task)
		assertThat(this.template.query<Task>().all().collectList().block(WAIT)).containsExactly(task)
		assertThat(this.template.query<Task> { index("gsi3"); Task::assignee eq "ann" }.all().collectList().block(WAIT))
			.containsExactly(task)
		assertThat(this.template.findVersion<Note>("n1", 1).block(WAIT)).isEqualTo(note)
		assertThat(this.template.findAllVersions<Note>("n1").collectList().block(WAIT)).containsExactly(second, note)
		assertThat(this.template.findVersionSummaries<Note>("n1").map { it.version() }.collectList().block(WAIT))
			.containsExactly(2L, 1L)
		assertThat(this.template.restoreVersion<Note>("n1", 1).block(WAIT)!!.version).isEqualTo(3)
		assertThat(this.template.deleteVersion<Note>("n1", 2).block(WAIT)).isTrue()
		assertThat(this.template.findSingleton<Settings>().block(WAIT)).isNull()
		assertThat(this.template.increment<Counter>("c1", "hits", 2).block(WAIT)).isEqualTo(2)
		assertThat(this.template.increment("c1", Counter::hits, 3).block(WAIT)).isEqualTo(5)
		this.template.addToSet<Counter>("c1", "tags", "b").block(WAIT)
		this.template.addToSet("c1", Counter::tags, "c").block(WAIT)
		this.template.removeFromSet<Counter>("c1", "tags", "a").block(WAIT)
		this.template.removeFromSet("c1", Counter::tags, "b").block(WAIT)
		this.template.appendToList<Counter>("c1", "log", "one").block(WAIT)
		this.template.appendToList("c1", Counter::log, "two").block(WAIT)
		assertThat(this.template.getById<Counter>("c1").block(WAIT)).isEqualTo(Counter("c1", 5, setOf("c"), listOf("one", "two")))
		assertThat(this.template.deleteById<Task>("t1").block(WAIT)).isTrue()
		this.template.deleteAllById<Counter>(listOf("c1")).block(WAIT)
		assertThat(this.template.findById<Counter>("c1").block(WAIT)).isNull()
	}

	@Test
	fun everyOperationIsASuspendFunctionThatReturnsWhatTheMonoEmits() = runTest {
		val created = template.awaitCreate(task("t1", "first"))
		assertThrows<DuplicateResourceException> { template.awaitCreate(task("t1", "again")) }
		val found: Task? = template.awaitFindById<Task>("t1")
		assertThat(found).isEqualTo(created)
		assertThat(template.awaitFindById<Task>("missing")).isNull()
		assertThat(template.awaitGetById<Task>("t1")).isEqualTo(created)
		assertThrows<NoSuchResourceException> { template.awaitGetById<Task>("missing") }

		val renamed = template.awaitUpdate(created.copy(title = "renamed"))
		assertThrows<VersionConflictException> { template.awaitUpdate(created.copy(title = "stale")) }
		val cleared = template.awaitUpdate(renamed) { clear(Task::due) }
		val done = template.awaitUpdate(cleared, changesOf<Task> { set(Task::status, Status.DONE) })
		assertThat(template.awaitGetById<Task>("t1")).isEqualTo(done)
		assertThat(done.due).isNull()
		assertThat(done.status).isEqualTo(Status.DONE)
		val saved = template.awaitSave(task("t2", "saved"))
		assertThat(template.findAllByIdAsFlow<Task>(listOf("t2", "t1")).toList()).containsExactly(saved, done)
		assertThrows<VersionConflictException> { template.awaitDelete(renamed) }
		template.awaitDelete(done)
		assertThat(template.awaitFindById<Task>("t1")).isNull()
		template.awaitDeleteExisting(saved)
		assertThrows<VersionConflictException> { template.awaitDeleteExisting(saved) }
		assertThat(template.awaitDeleteById<Task>("t2")).isFalse()
	}

	@Test
	fun theHistoryIsAFlowAndItsOperationsSuspendFunctions() = runTest {
		val first = template.awaitCreate(Note("n1", null, "draft"))
		val second = template.awaitUpdate(first.copy(text = "final"))

		assertThat(template.findAllVersionsAsFlow<Note>("n1").toList()).containsExactly(second, first)
		assertThat(template.findVersionSummariesAsFlow<Note>("n1").toList().map { it.version() })
			.containsExactly(2L, 1L)
		assertThat(template.awaitFindVersion<Note>("n1", 1)).isEqualTo(first)
		assertThat(template.awaitFindVersion<Note>("n1", 9)).isNull()
		val restored = template.awaitRestoreVersion<Note>("n1", 1)
		assertThat(restored.version).isEqualTo(3)
		assertThat(restored.text).isEqualTo("draft")
		assertThat(template.awaitDeleteVersion<Note>("n1", 2)).isTrue()
		assertThat(template.awaitDeleteVersion<Note>("n1", 2)).isFalse()
		assertThat(template.findAllVersionsAsFlow<Note>("n1").toList().map { it.version }).containsExactly(3L, 1L)
		assertThat(template.awaitDeleteById<Note>("n1")).isTrue()
		assertThat(template.findAllVersionsAsFlow<Note>("n1").toList()).isEmpty()
	}

	@Test
	fun batchesAtomicUpdatesSingletonsSnapshotsAndBlobsAreSuspendFunctions() = runTest {
		val counters = template.awaitPutAll(listOf(Counter("c1", 0, setOf("a"), listOf()),
			Counter("c2", 0, setOf("a"), listOf())))
		assertThat(counters.map { it.id }).containsExactly("c1", "c2")

		assertThat(template.awaitIncrement<Counter>("c1", "hits", 2)).isEqualTo(2)
		assertThat(template.awaitIncrement("c1", Counter::hits, 3)).isEqualTo(5)
		template.awaitAddToSet<Counter>("c1", "tags", "b")
		template.awaitAddToSet("c1", Counter::tags, "c")
		template.awaitRemoveFromSet<Counter>("c1", "tags", "a")
		template.awaitRemoveFromSet("c1", Counter::tags, "b")
		template.awaitAppendToList<Counter>("c1", "log", "one")
		template.awaitAppendToList("c1", Counter::log, "two")
		assertThrows<NoSuchResourceException> { template.awaitIncrement("missing", Counter::hits, 1) }
		val snapshot = template.awaitReadTransaction { reads ->
			reads.get<Counter>("c1")
			reads.get<Counter>("c3")
		}
		assertThat(snapshot.get<Counter>("c1")).isEqualTo(Counter("c1", 5, setOf("c"), listOf("one", "two")))
		assertThat(snapshot.get<Counter>("c3")).isNull()
		template.awaitDeleteAllById<Counter>(listOf("c1", "c2"))
		assertThat(template.findAllByIdAsFlow<Counter>(listOf("c1", "c2")).toList()).isEmpty()

		assertThat(template.awaitFindSingleton<Settings>()).isNull()
		val settings = template.awaitCreate(Settings(null, "dark"))
		assertThat(template.awaitFindSingleton<Settings>()).isEqualTo(settings)
		assertThrows<SingletonUsageException> { template.awaitFindSingleton<Counter>() }

		// a type without blob properties: loadBlobs returns it as it is, loadBlob refuses a property that is none
		assertThat(template.awaitLoadBlobs(settings)).isEqualTo(settings)
		val notABlob = assertThrows<IllegalArgumentException> { template.awaitLoadBlob<String>(settings, "theme") }
		assertThat(notABlob).hasMessageContaining("theme")
	}

	@Test
	fun theCountsByTypeAreASuspendFunction() = runTest {
		val counting = ReactiveSingleTableTemplate(client,
			dynamo.tableName())
		counting.setTrackCounts(true)
		assertThat(counting.awaitCountsByType()).isEmpty()

		counting.awaitCreate(Counter("c1", 0, setOf("a"), listOf()))
		counting.awaitCreate(Counter("c2", 0, setOf("a"), listOf()))
		counting.awaitCreate(Note("n1", null, "draft"))

		assertThat(counting.awaitCountsByType()).containsEntry("Counter", 2L).containsEntry("Note", 1L)
	}

}
