package dev.singletable.repository.kotlin

import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.mapping.InvalidEntityDefinitionException
import dev.singletable.core.query.ItemCollection
import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.repository.CollectionQuery
import dev.singletable.repository.kotlin.tasks.Customer
import dev.singletable.repository.kotlin.tasks.Note
import dev.singletable.repository.kotlin.tasks.Purchase
import dev.singletable.repository.kotlin.tasks.Task
import dev.singletable.repository.query.UnsupportedCollectionQueryException
import dev.singletable.repository.query.UnsupportedQueryMethodException
import dev.singletable.repository.query.UnsupportedQueryMethodException.Reason
import dev.singletable.repository.reactive.ReactiveSingleTableRepository
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory
import dev.singletable.repository.support.SingleTableRepositoryFactory
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import kotlinx.coroutines.flow.Flow
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.data.domain.Limit
import org.springframework.data.repository.CrudRepository
import org.springframework.data.repository.kotlin.CoroutineCrudRepository
import reactor.core.publisher.Mono
import java.util.Optional

/**
 * The start-up refusals of coroutine repository methods: a signature the reactive repository cannot give fails
 * naming the method and the coroutine forms it may take, as the check made before anything connects and the
 * repository's creation both say; a method no index covers is refused as its Java counterpart is.
 */
class CoroutineQueryMethodRefusalTests {

    companion object {
        @JvmField
        @RegisterExtension
        val dynamo = DynamoDbLocalExtension()
    }

    private val converter = SingleTableTemplate(dynamo.client(), dynamo.tableName()).converter

    private fun refusal(repository: Class<*>): UnsupportedQueryMethodException =
        assertThrows<UnsupportedQueryMethodException> {
            ReactiveSingleTableRepositoryFactory.checkDefinition(repository, converter)
        }

    @Test
    fun `a non-suspend List is refused naming the Flow and suspend forms`() {
        val refused = refusal(ListTasks::class.java)

        assertThat(refused.reason).isEqualTo(Reason.RETURN_TYPE)
        assertThat(refused.message)
            .contains("ListTasks.findByAssignee", "returns a Mono or a Flux, not List", "in Kotlin a Flow",
                "fun ...: Flow<T> (the results)", "suspend fun ...: T? (at most one result), List<T> (the results)",
                "Long (countBy)", "for deleteBy Unit", "make the method a Kotlin suspend fun returning List<T>")
    }

    @Test
    fun `a suspend function returning a Set, an Optional or a Flow is refused naming what it returns instead`() {
        assertThat(refusal(SetTasks::class.java).message)
            .contains("SetTasks.findByAssignee: a suspend function returns the results as a List<T>, not a Set",
                "suspend fun findByAssignee(..): Set")
        assertThat(refusal(OptionalTasks::class.java).message)
            .contains("OptionalTasks.findByAssignee: a suspend function returns at most one result as T?, "
                + "or the results as a List<T>, not a Optional")
        assertThat(refusal(SuspendFlowTasks::class.java).message)
            .contains("SuspendFlowTasks.findByAssignee: a suspend function returns its result itself, not a Flow",
                "Declare fun ...: Flow<T>, without suspend")
        assertThat(refusal(SuspendMonoTasks::class.java).reason).isEqualTo(Reason.RETURN_TYPE)
    }

    @Test
    fun `a Flow argument is refused as a Publisher is`() {
        val refused = refusal(FlowArgumentTasks::class.java)

        assertThat(refused.reason).isEqualTo(Reason.PARAMETERS)
        assertThat(refused.message).contains("FlowArgumentTasks.findByAssigneeIn", "values, not a Flow",
            "in Kotlin collect it or call a suspend function")
    }

    @Test
    fun `a suspend function no index covers is refused with the message of its Java counterpart`() {
        val coroutine = refusal(UncoveredTasks::class.java)
        val reactive = refusal(ReactiveUncoveredTasks::class.java)

        assertThat(coroutine.reason).isEqualTo(Reason.NOT_COVERED)
        assertThat(coroutine.message)
            .isEqualTo(reactive.message!!.replace("ReactiveUncoveredTasks", "UncoveredTasks"))
    }

    @Test
    fun `the repository's creation refuses what the early check refuses`() {
        val created = DynamoDbLocal.newAsyncClient().use { client ->
            val factory = ReactiveSingleTableRepositoryFactory(
                ReactiveSingleTableTemplate(client, dynamo.tableName(), converter))
            assertThrows<Exception> { factory.getRepository(SetTasks::class.java) }
        }

        assertThat(generateSequence(created as Throwable) { it.cause }.last())
            .isInstanceOf(UnsupportedQueryMethodException::class.java)
            .hasMessage(refusal(SetTasks::class.java).message)
    }

    @Test
    fun `a suspend CollectionQuery returns the ItemCollection itself`() {
        val refused = assertThrows<UnsupportedCollectionQueryException> {
            ReactiveSingleTableRepositoryFactory.checkDefinition(ListCollectionCustomers::class.java, converter)
        }

        assertThat(refused.reason).isEqualTo(Reason.RETURN_TYPE)
        assertThat(refused.message).contains("ListCollectionCustomers.findView",
            "returns Mono<ItemCollection> (in Kotlin, suspend fun ...: ItemCollection), not suspend fun ...: List")
        val parameters = assertThrows<UnsupportedCollectionQueryException> {
            ReactiveSingleTableRepositoryFactory.checkDefinition(ExtraParameterCustomers::class.java, converter)
        }
        assertThat(parameters.reason).isEqualTo(Reason.PARAMETERS)
        assertThat(parameters.message).endsWith("but takes [String, String, Limit, int]")
    }

    @Test
    fun `a suspend function in a blocking repository is refused pointing to the coroutine repositories`() {
        val refused = assertThrows<Exception> {
            SingleTableRepositoryFactory(SingleTableTemplate(dynamo.client(), dynamo.tableName()))
                .getRepository(BlockingSuspendTasks::class.java)
        }
        val cause = generateSequence(refused as Throwable) { it.cause }.last()

        assertThat(cause).isInstanceOf(UnsupportedQueryMethodException::class.java)
        assertThat((cause as UnsupportedQueryMethodException).reason).isEqualTo(Reason.RETURN_TYPE)
        assertThat(cause.message).contains("BlockingSuspendTasks.findByAssignee",
            "a blocking repository's query method is no Kotlin suspend function", "CoroutineCrudRepository")
        // the check made before anything connects says the same
        assertThat(assertThrows<UnsupportedQueryMethodException> {
            SingleTableRepositoryFactory.checkDefinition(BlockingSuspendTasks::class.java, converter)
        }.message).isEqualTo(cause.message)
    }

    @Test
    fun `a versioned coroutine repository needs a versioned type and String ids`() {
        assertThat(assertThrows<InvalidEntityDefinitionException> {
            ReactiveSingleTableRepositoryFactory.checkDefinition(VersionedNotes::class.java, converter)
        }.message).contains("it is a CoroutineVersionedRepository but Note is not versioned",
            "extend CoroutineSingleTableRepository")
        assertThat(assertThrows<InvalidEntityDefinitionException> {
            ReactiveSingleTableRepositoryFactory.checkDefinition(LongIdTasks::class.java, converter)
        }.message).contains("its id type is Long; singletable ids are Strings")
    }

    interface ListTasks : CoroutineCrudRepository<Task, String> {
        fun findByAssignee(assignee: String): List<Task>
    }

    interface SetTasks : CoroutineCrudRepository<Task, String> {
        suspend fun findByAssignee(assignee: String): Set<Task>
    }

    interface OptionalTasks : CoroutineCrudRepository<Task, String> {
        suspend fun findByAssignee(assignee: String): Optional<Task>
    }

    interface SuspendFlowTasks : CoroutineCrudRepository<Task, String> {
        suspend fun findByAssignee(assignee: String): Flow<Task>
    }

    interface SuspendMonoTasks : CoroutineCrudRepository<Task, String> {
        suspend fun findByAssignee(assignee: String): Mono<Task>
    }

    interface FlowArgumentTasks : CoroutineCrudRepository<Task, String> {
        fun findByAssigneeIn(assignees: Flow<String>): Flow<Task>
    }

    interface UncoveredTasks : CoroutineCrudRepository<Task, String> {
        suspend fun findByTitle(title: String): Task?
    }

    interface ReactiveUncoveredTasks : ReactiveSingleTableRepository<Task> {
        fun findByTitle(title: String): Mono<Task>
    }

    interface ListCollectionCustomers : CoroutineCrudRepository<Customer, String> {
        @CollectionQuery(index = "gsi1", types = [Customer::class, Purchase::class])
        suspend fun findView(customerKey: String): List<Any>
    }

    interface ExtraParameterCustomers : CoroutineCrudRepository<Customer, String> {
        @CollectionQuery(index = "gsi1", types = [Customer::class, Purchase::class])
        suspend fun findView(customerKey: String, cursor: String?, limit: Limit, extra: Int): ItemCollection
    }

    interface BlockingSuspendTasks : CrudRepository<Task, String> {
        suspend fun findByAssignee(assignee: String): List<Task>
    }

    interface VersionedNotes : CoroutineVersionedRepository<Note, String>

    interface LongIdTasks : CoroutineCrudRepository<Task, Long>
}
