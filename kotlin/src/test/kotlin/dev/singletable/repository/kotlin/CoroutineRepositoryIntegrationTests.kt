package dev.singletable.repository.kotlin

import dev.singletable.core.Changes
import dev.singletable.core.NoSuchResourceException
import dev.singletable.core.VersionConflictException
import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.repository.Cursors
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories
import dev.singletable.repository.kotlin.tasks.CoroutineCustomers
import dev.singletable.repository.kotlin.tasks.CoroutineNotes
import dev.singletable.repository.kotlin.tasks.CoroutineTasks
import dev.singletable.repository.kotlin.tasks.Customer
import dev.singletable.repository.kotlin.tasks.Note
import dev.singletable.repository.kotlin.tasks.Purchase
import dev.singletable.repository.kotlin.tasks.SpringCoroutineNotes
import dev.singletable.repository.kotlin.tasks.SuspendOnlyNotes
import dev.singletable.repository.kotlin.tasks.Task
import dev.singletable.repository.reactive.ReactiveVersionedRepository
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import kotlinx.coroutines.flow.count
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.context.annotation.AnnotationConfigApplicationContext
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.dao.DuplicateKeyException
import org.springframework.dao.IncorrectResultSizeDataAccessException
import org.springframework.data.domain.Limit
import org.springframework.data.domain.PageRequest
import org.springframework.data.domain.ScrollPosition
import org.springframework.data.domain.Sort
import org.springframework.data.domain.Window
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient
import java.time.LocalDate
import java.util.function.Supplier

/**
 * Coroutine repositories on DynamoDB Local, created by `@EnableReactiveSingleTableRepositories` as reactive ones:
 * derived `suspend` and `Flow` query methods of every shape, Spring Data's `CoroutineCrudRepository` and
 * `CoroutineSortingRepository`, and the versioned operations of [CoroutineVersionedRepository], which read and
 * write what the reactive repository does and fail with the same exceptions.
 */
class CoroutineRepositoryIntegrationTests {

    companion object {
        @JvmField
        @RegisterExtension
        val dynamo = DynamoDbLocalExtension()

        private val JANUARY: LocalDate = LocalDate.of(2026, 1, 1)
    }

    private lateinit var context: AnnotationConfigApplicationContext

    private val tasks: CoroutineTasks get() = context.getBean(CoroutineTasks::class.java)

    @BeforeEach
    fun createContext() {
        context = AnnotationConfigApplicationContext()
        context.registerBean(DynamoDbLocalExtension::class.java, Supplier { dynamo })
        context.register(Config::class.java)
        context.refresh()
    }

    @AfterEach
    fun closeContext() {
        context.close()
    }

    @Test
    fun `the coroutine repositories of the package are reactive ones, Repository alone with suspend functions too`() {
        assertThat(context.getBeansOfType(CoroutineTasks::class.java)).hasSize(1)
        assertThat(context.getBeansOfType(CoroutineNotes::class.java)).hasSize(1)
        assertThat(context.getBeansOfType(SpringCoroutineNotes::class.java)).hasSize(1)
        assertThat(context.getBeansOfType(SuspendOnlyNotes::class.java)).hasSize(1)
    }

    @Test
    fun `a derived suspend function returns one result, null for none, and fails for more`() = runTest {
        val saved = tasks.save(Task.of("Write", "ann", "OPEN", JANUARY))
        tasks.save(Task.of("Read", "ann", "OPEN", JANUARY.plusDays(1)))
        tasks.save(Task.of("Other", "ann", "OPEN", JANUARY.plusDays(1)))

        assertThat(tasks.findByAssigneeAndDue("ann", JANUARY)).isEqualTo(saved)
        assertThat(tasks.findByAssigneeAndDue("bob", JANUARY)).isNull()
        assertThrows<IncorrectResultSizeDataAccessException> { tasks.findByAssigneeAndDue("ann", JANUARY.plusDays(1)) }
    }

    @Test
    fun `derived suspend functions return a List, a count, whether any exist, a projection`() = runTest {
        val saved = (0 until 3).map { tasks.save(Task.of("T$it", "ann", "OPEN", JANUARY.plusDays(it.toLong()))) }
        tasks.save(Task.of("B", "bob", "DONE", JANUARY))

        assertThat(tasks.findAllByAssignee("ann")).containsExactlyElementsOf(saved)
        assertThat(tasks.findAllByAssignee("carl")).isEmpty()
        assertThat(tasks.countByAssignee("ann")).isEqualTo(3L)
        assertThat(tasks.countByAssignee("carl")).isZero()
        assertThat(tasks.countByStatus("OPEN")).isEqualTo(3)
        assertThat(tasks.existsByStatus("DONE")).isTrue()
        assertThat(tasks.existsByStatus("LATE")).isFalse()
        assertThat(tasks.findTitlesByAssignee("ann").map { it.title }).containsExactly("T0", "T1", "T2")
    }

    @Test
    fun `a derived Flow reads the results as they are collected, with a Pageable the page's results`() = runTest {
        val saved = (0 until 5).map { tasks.save(Task.of("T$it", "ann", "OPEN", JANUARY.plusDays(it.toLong()))) }

        assertThat(tasks.findByAssignee("ann").toList()).containsExactlyElementsOf(saved)
        assertThat(tasks.findByAssignee("ann").take(2).toList()).containsExactlyElementsOf(saved.subList(0, 2))
        assertThat(tasks.findByAssignee("nobody").count()).isZero()
        assertThat(tasks.findByStatus("OPEN", PageRequest.of(1, 2)).toList()).hasSize(2)
    }

    @Test
    fun `a suspend function scrolls a Window with cursors, and reads a Page and a Slice`() = runTest {
        val saved = (0 until 5).map { tasks.save(Task.of("T$it", "ann", "OPEN", JANUARY.plusDays(it.toLong()))) }

        val read = mutableListOf<Task>()
        var window: Window<Task> = tasks.findByAssignee("ann", ScrollPosition.keyset(), Limit.of(2))
        read += window.content
        while (window.hasNext()) {
            // a cursor, as an API hands it to its client, resumes where the window ended
            window = tasks.findByAssignee("ann", Cursors.position(Cursors.next(window)), Limit.of(2))
            read += window.content
        }
        assertThat(read).containsExactlyElementsOf(saved)

        val page = tasks.findPageByStatus("OPEN", PageRequest.of(0, 2))
        assertThat(page.content).hasSize(2)
        assertThat(page.totalElements).isEqualTo(5L)
        val slice = tasks.findSliceByStatus("OPEN", PageRequest.of(2, 2))
        assertThat(slice.content).hasSize(1)
        assertThat(slice.hasNext()).isFalse()
    }

    @Test
    fun `derived deletes return nothing, the deleted entities, a count, or a Flow of them`() = runTest {
        tasks.save(Task.of("A", "ann", "OPEN", JANUARY))
        tasks.save(Task.of("B", "ann", "DONE", JANUARY.plusDays(1)))
        tasks.save(Task.of("C", "bob", "LATE", JANUARY))
        tasks.save(Task.of("D", "carl", "GONE", JANUARY))
        tasks.save(Task.of("E", "dan", "OPEN", JANUARY.plusDays(3)))

        tasks.deleteByStatus("LATE")
        assertThat(tasks.findAllByAssignee("bob")).isEmpty()
        assertThat(tasks.removeByAssignee("ann").map { it.title }).containsExactlyInAnyOrder("A", "B")
        assertThat(tasks.deleteByAssigneeAndDue("dan", JANUARY.plusDays(3))).isEqualTo(1L)
        assertThat(tasks.removeByStatus("GONE").map { it.title }.toList()).containsExactly("D")
        assertThat(tasks.count()).isZero()
    }

    @Test
    fun `CoroutineCrudRepository and CoroutineSortingRepository run on the reactive repository`() = runTest {
        val first = tasks.save(Task.of("A", "ann", "OPEN", JANUARY))
        val second = tasks.save(Task.of("B", "bob", "OPEN", JANUARY))

        assertThat(tasks.findById(first.id!!)).isEqualTo(first)
        assertThat(tasks.findById("missing")).isNull()
        assertThat(tasks.existsById(second.id!!)).isTrue()
        assertThat(tasks.count()).isEqualTo(2L)
        assertThat(tasks.findAllById(listOf(second.id!!, "missing", first.id!!)).toList())
            .containsExactlyInAnyOrder(first, second)
        tasks.deleteById(first.id!!)
        assertThat(tasks.findAll().toList()).containsExactly(second)

        val notes = context.getBean(SpringCoroutineNotes::class.java)
        val note = notes.save(Note(null, null, "kotlin", "coroutines", null))
        val newer = notes.save(Note(null, null, "java", "virtual threads", null))
        assertThat(notes.findByTopic("kotlin").first()).isEqualTo(note)
        // the type index returns the newest first, as CoroutineSortingRepository's findAll(Sort) asks
        val sorted = context.getBean(CoroutineNotes::class.java).findAll(Sort.by(Sort.Direction.DESC, "updatedAt"))
        assertThat(sorted.toList()).containsExactly(newer, note)
        assertThat(context.getBean(SuspendOnlyNotes::class.java).findOneByTopic("kotlin")).isEqualTo(note)
        assertThat(context.getBean(SuspendOnlyNotes::class.java).existsByTopic("rust")).isFalse()
    }

    @Test
    fun `a suspend CollectionQuery function reads an item collection a page at a time`() = runTest {
        val customers = context.getBean(CoroutineCustomers::class.java)
        customers.save(Customer("c1", "Ann"))
        val template = context.getBean(ReactiveSingleTableTemplate::class.java)
        for (i in 0 until 5) {
            template.create(Purchase("p$i", "c1", i)).awaitSingle()
        }
        template.create(Purchase("elsewhere", "c2", 9)).awaitSingle()

        val first = customers.findCustomerView("customer#c1", null, Limit.of(4))
        val second = customers.findCustomerView("customer#c1", first.nextCursor(), Limit.of(4))

        assertThat(first.size() + second.size()).isEqualTo(6)
        assertThat(first.get(Purchase::class.java) + second.get(Purchase::class.java)).hasSize(5)
        assertThat(first.get(Customer::class.java) + second.get(Customer::class.java))
            .containsExactly(Customer("c1", "Ann"))
        assertThat(second.hasNext()).isFalse()
    }

    @Test
    fun `a plain coroutine repository inserts once and updates part of a resource`() = runTest {
        val notes = context.getBean(CoroutineNotes::class.java)
        val note = notes.insert(Note("n1", null, "kotlin", "coroutines", "first"))

        assertThrows<DuplicateKeyException> { notes.insert(Note("n1", null, "kotlin", "again", null)) }
        val changed = notes.update(note, Changes.set("text", "flows").clear("remark"))

        assertThat(changed.text).isEqualTo("flows")
        assertThat(notes.findById("n1")!!.remark).isNull()
        assertThat(notes.countByTopic("kotlin")).isEqualTo(1L)
    }

    @Test
    fun `the history of a versioned type is on the coroutine repository`() = runTest {
        val v1 = tasks.save(Task.of("Draft", "ann", "OPEN", JANUARY))
        val id = v1.id!!
        val v2 = tasks.update(v1.copy(title = "Review"))
        val v3 = tasks.save(v2.copy(title = "Done", status = "DONE"))

        assertThat(listOf(v1.version, v2.version, v3.version)).containsExactly(1L, 2L, 3L)
        assertThat(tasks.findVersions(id).map { it.title }.toList()).containsExactly("Done", "Review", "Draft")
        assertThat(tasks.findVersion(id, 2)).isEqualTo(v2)
        assertThat(tasks.findVersion(id, 9)).isNull()
        assertThat(tasks.findVersionSummaries(id).toList().map { it.version() to it.latest() })
            .containsExactly(3L to true, 2L to false, 1L to false)

        val restored = tasks.restore(id, 1)
        assertThat(restored.title).isEqualTo("Draft")
        assertThat(restored.version).isEqualTo(4L)
        assertThrows<NoSuchResourceException> { tasks.restore(id, 99) }
        assertThat(tasks.deleteVersion(id, 2)).isTrue()
        assertThat(tasks.deleteVersion(id, 2)).isFalse()
        assertThat(tasks.findVersions(id).map { it.version }.toList()).containsExactly(4L, 3L, 1L)

        tasks.deleteAllVersions(id)
        assertThat(tasks.findById(id)).isNull()
        assertThat(tasks.findVersions(id).count()).isZero()
    }

    @Test
    fun `a version conflict is the VersionConflictException the reactive repository gives`() = runTest {
        val read = tasks.save(Task.of("Draft", "ann", "OPEN", JANUARY))
        tasks.update(read.copy(title = "Theirs"))

        val coroutine = assertThrows<VersionConflictException> { tasks.update(read.copy(title = "Mine")) }
        val reactive = assertThrows<VersionConflictException> {
            ReactiveSingleTableRepositoryFactory(context.getBean(ReactiveSingleTableTemplate::class.java))
                .getRepository(ReactiveTasks::class.java)
                .update(read.copy(title = "Mine"))
                .awaitSingle()
        }

        assertThat(coroutine.message).isEqualTo(reactive.message)
        assertThrows<VersionConflictException> { tasks.save(read.copy(title = "Mine")) }
        assertThat(tasks.findById(read.id!!)!!.title).isEqualTo("Theirs")
    }

    /** The reactive repository of the same type, for comparison. */
    interface ReactiveTasks : ReactiveVersionedRepository<Task>

    @Configuration(proxyBeanMethods = false)
    @EnableReactiveSingleTableRepositories(basePackageClasses = [Task::class])
    class Config {

        @Bean(destroyMethod = "close")
        fun dynamoDbAsyncClient(): DynamoDbAsyncClient = DynamoDbLocal.newAsyncClient()

        @Bean
        fun reactiveSingleTableTemplate(client: DynamoDbAsyncClient, dynamo: DynamoDbLocalExtension) =
            ReactiveSingleTableTemplate(client, dynamo.tableName())
    }
}
