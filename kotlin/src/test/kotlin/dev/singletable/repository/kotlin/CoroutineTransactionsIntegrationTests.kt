package dev.singletable.repository.kotlin

import dev.singletable.autoconfigure.transaction.ReactiveMethodInBlockingTransactionException
import dev.singletable.autoconfigure.transaction.ReactiveTransactionalMethodsCheck
import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.SingleTableTransactionManager
import dev.singletable.core.TransactionCancelledException
import dev.singletable.core.reactive.ReactiveSingleTableDatabaseFactory
import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager
import dev.singletable.core.reactive.ReactiveSingleTableTransactional
import dev.singletable.repository.config.EnableReactiveSingleTableRepositories
import dev.singletable.repository.kotlin.tasks.CoroutineTasks
import dev.singletable.repository.kotlin.tasks.Task
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import dev.singletable.test.RequestCounter
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.beans.factory.config.BeanDefinitionCustomizer
import org.springframework.context.annotation.AnnotationConfigApplicationContext
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.context.annotation.Fallback
import org.springframework.transaction.ReactiveTransactionManager
import org.springframework.transaction.TransactionManager
import org.springframework.transaction.annotation.EnableTransactionManagement
import org.springframework.transaction.annotation.Transactional
import org.springframework.transaction.reactive.TransactionalOperator
import org.springframework.transaction.reactive.executeAndAwait
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest
import java.time.LocalDate
import java.util.function.Supplier

/**
 * `@Transactional` on `suspend` functions and `TransactionalOperator.executeAndAwait` on the reactive transaction
 * manager, on DynamoDB Local: a coroutine repository's writes (of child coroutines too) are one
 * `TransactWriteItems` sent when the function returns, none when it throws or a write is refused at commit; beside a
 * blocking default manager, a plain `@Transactional` suspend function runs in the reactive manager, one naming the
 * blocking manager is refused at start-up in Kotlin terms, and `@ReactiveSingleTableTransactional` selects the
 * reactive manager.
 */
class CoroutineTransactionsIntegrationTests {

    companion object {
        @JvmField
        @RegisterExtension
        val dynamo = DynamoDbLocalExtension()

        private val requests = RequestCounter()

        private lateinit var client: DynamoDbAsyncClient

        private val DUE: LocalDate = LocalDate.of(2026, 3, 1)

        @JvmStatic
        @BeforeAll
        fun startClient() {
            client = DynamoDbLocal.newAsyncClient(requests)
        }

        @JvmStatic
        @AfterAll
        fun closeClient() {
            client.close()
        }

        fun task(id: String) = Task(id, null, "Task $id", "ann", "OPEN", DUE)
    }

    @BeforeEach
    fun resetRequests() {
        requests.reset()
    }

    private fun context(vararg configurations: Class<*>): AnnotationConfigApplicationContext {
        val context = AnnotationConfigApplicationContext()
        // the class's client, shared by its tests: not closed with each context
        context.registerBean(DynamoDbAsyncClient::class.java, Supplier { client },
            BeanDefinitionCustomizer { it.destroyMethodName = "" })
        context.registerBean("tableName", String::class.java, Supplier { dynamo.tableName() })
        context.register(*configurations)
        context.refresh()
        return context
    }

    @Test
    fun `a Transactional suspend function's writes are sent as one TransactWriteItems when it returns`() = runTest {
        context(ReactiveOnly::class.java).use { context ->
            val service = context.getBean(TaskService::class.java)
            requests.reset()

            val created = service.createTwo(task("a1"), task("a2"))

            assertThat(created.map { it.version }).containsExactly(1L, 1L)
            assertThat(requests.operations()).containsExactly("TransactWriteItems")
            assertThat(requests.sent(TransactWriteItemsRequest::class.java)[0].transactItems()).hasSize(4)
            requests.reset()
            service.createInChildCoroutines(task("c1"), task("c2"))
            assertThat(requests.operations()).containsExactly("TransactWriteItems")
            assertThat(context.getBean(CoroutineTasks::class.java).count()).isEqualTo(4L)
        }
    }

    @Test
    fun `a Transactional suspend function whose second write fails rolls back both`() = runTest {
        context(ReactiveOnly::class.java).use { context ->
            val service = context.getBean(TaskService::class.java)
            val tasks = context.getBean(CoroutineTasks::class.java)
            tasks.insert(task("taken"))
            requests.reset()

            val cancelled = assertThrows<TransactionCancelledException> { service.createTwo(task("b1"), task("taken")) }

            assertThat(cancelled.failures).singleElement().satisfies({ failure ->
                assertThat(failure.id()).isEqualTo("taken")
                assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.ALREADY_EXISTS)
            })
            assertThat(tasks.findById("b1")).isNull()
            assertThat(tasks.findById("taken")!!.version).isEqualTo(1L)

            requests.reset()
            assertThrows<IllegalStateException> { service.createTwoThenFail(task("f1"), task("f2")) }
            // nothing was sent: the writes were collected and dropped with the failure
            assertThat(requests.operations()).isEmpty()
            assertThat(tasks.findById("f1")).isNull()
            assertThat(tasks.findById("f2")).isNull()
        }
    }

    @Test
    fun `TransactionalOperator executeAndAwait runs a suspend block in one transaction and rolls back a failing one`() =
        runTest {
            context(ReactiveOnly::class.java).use { context ->
                val operator = context.getBean(TransactionalOperator::class.java)
                val tasks = context.getBean(CoroutineTasks::class.java)
                requests.reset()

                operator.executeAndAwait {
                    tasks.insert(task("o1"))
                    tasks.insert(task("o2"))
                }
                assertThat(requests.operations()).containsExactly("TransactWriteItems")

                requests.reset()
                assertThrows<IllegalStateException> {
                    operator.executeAndAwait {
                        tasks.insert(task("r1"))
                        tasks.update(tasks.findById("o1")!!.copy(title = "changed"))
                        throw IllegalStateException("changed my mind")
                    }
                }
                assertThat(requests.operations()).doesNotContain("TransactWriteItems", "PutItem")
                assertThat(tasks.findById("r1")).isNull()
                assertThat(tasks.findById("o1")!!.title).isEqualTo("Task o1")
            }
        }

    @Test
    fun `beside a blocking default manager, a plain Transactional suspend function runs in the reactive one`() =
        runTest {
            context(BlockingDefault::class.java, PlainTaskServiceConfiguration::class.java).use { context ->
                val service = context.getBean(PlainTaskService::class.java)
                requests.reset()

                service.createTwo(task("p1"), task("p2"))

                assertThat(requests.operations()).containsExactly("TransactWriteItems")
            }
        }

    @Test
    fun `a suspend function naming the blocking manager fails start-up in Kotlin terms`() {
        val refused = assertThrows<ReactiveMethodInBlockingTransactionException> {
            context(BlockingDefault::class.java, BlockingNamedTaskServiceConfiguration::class.java)
        }

        assertThat(refused.message)
            .startsWith("A @Transactional Kotlin suspend function runs under a blocking transaction manager")
            .contains("bean 'blockingNamedTaskService' (" + BlockingNamedTaskService::class.java.name + "): suspend fun "
                + "createTwo(Task, Task) and its @Transactional resolves to the blocking transaction manager "
                + "'singleTableTransactionManager' (SingleTableTransactionManager)")
            .contains("commits it when a suspend function first suspends")
            .contains("writes are sent as one TransactWriteItems when the suspend function returns")
            .doesNotContain("Continuation", "returns Object", "returned publisher")
        assertThat(refused.offences).singleElement()
            .satisfies({ offence -> assertThat(offence.method().name).isEqualTo("createTwo") })
    }

    @Test
    fun `beside a blocking default manager, ReactiveSingleTableTransactional selects the reactive one`() = runTest {
        context(BlockingDefault::class.java).use { context ->
            // plain @Transactional, a lookup of any TransactionManager, finds the blocking one; by type as a
            // ReactiveTransactionManager, the reactive one is the only candidate
            assertThat(context.getBean(TransactionManager::class.java))
                .isInstanceOf(SingleTableTransactionManager::class.java)
            assertThat(context.getBean(ReactiveTransactionManager::class.java))
                .isSameAs(context.getBean(ReactiveSingleTableTransactionManager.BEAN_NAME))
            val service = context.getBean(NamedTaskService::class.java)
            requests.reset()

            service.createTwo(task("n1"), task("n2"))

            assertThat(requests.operations()).containsExactly("TransactWriteItems")
        }
    }

    /** Writes through a coroutine repository in `@Transactional` suspend functions. */
    open class TaskService(private val tasks: CoroutineTasks) {

        @Transactional
        open suspend fun createTwo(first: Task, second: Task): List<Task> =
            listOf(tasks.insert(first), tasks.insert(second))

        @Transactional
        open suspend fun createTwoThenFail(first: Task, second: Task) {
            tasks.insert(first)
            tasks.insert(second)
            throw IllegalStateException("no room left")
        }

        @Transactional
        open suspend fun createInChildCoroutines(first: Task, second: Task): List<Task> = coroutineScope {
            listOf(async { tasks.insert(first) }, async { tasks.insert(second) }).awaitAll()
        }
    }

    /** The same writes, selecting the reactive manager by its annotation. */
    open class NamedTaskService(private val tasks: CoroutineTasks) {

        @ReactiveSingleTableTransactional
        open suspend fun createTwo(first: Task, second: Task): List<Task> =
            listOf(tasks.insert(first), tasks.insert(second))
    }

    /** A plain `@Transactional` suspend function, which a blocking default manager would run. */
    open class PlainTaskService(private val tasks: CoroutineTasks) {

        @Transactional
        open suspend fun createTwo(first: Task, second: Task): List<Task> =
            listOf(tasks.insert(first), tasks.insert(second))
    }

    /** A suspend function that names the blocking manager, which would run around its first part only. */
    open class BlockingNamedTaskService(private val tasks: CoroutineTasks) {

        @Transactional(SingleTableTransactionManager.BEAN_NAME)
        open suspend fun createTwo(first: Task, second: Task): List<Task> =
            listOf(tasks.insert(first), tasks.insert(second))
    }

    /** The reactive transaction manager alone: the default of `@Transactional`. */
    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    @EnableReactiveSingleTableRepositories(basePackageClasses = [Task::class])
    class ReactiveOnly {

        @Bean
        fun reactiveSingleTableDatabaseFactory(client: DynamoDbAsyncClient, tableName: String) =
            ReactiveSingleTableDatabaseFactory.create(client, tableName)

        @Bean
        fun reactiveSingleTableTemplate(factory: ReactiveSingleTableDatabaseFactory, client: DynamoDbAsyncClient,
            tableName: String) =
            ReactiveSingleTableTemplate(factory, ReactiveSingleTableTemplate(client, tableName).converter)

        @Bean(ReactiveSingleTableTransactionManager.BEAN_NAME)
        fun reactiveSingleTableTransactionManager(factory: ReactiveSingleTableDatabaseFactory) =
            ReactiveSingleTableTransactionManager(factory)

        @Bean
        fun transactionalOperator(manager: ReactiveTransactionManager) = TransactionalOperator.create(manager)

        @Bean
        fun taskService(tasks: CoroutineTasks) = TaskService(tasks)
    }

    /**
     * The blocking manager as the default, the reactive one a fallback beside it (as the auto-configuration
     * registers them), and the start-up check of the auto-configuration.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    @EnableReactiveSingleTableRepositories(basePackageClasses = [Task::class])
    class BlockingDefault {

        @Bean
        fun reactiveSingleTableDatabaseFactory(client: DynamoDbAsyncClient, tableName: String) =
            ReactiveSingleTableDatabaseFactory.create(client, tableName)

        @Bean
        fun reactiveSingleTableTemplate(factory: ReactiveSingleTableDatabaseFactory, client: DynamoDbAsyncClient,
            tableName: String) =
            ReactiveSingleTableTemplate(factory, ReactiveSingleTableTemplate(client, tableName).converter)

        @Bean(ReactiveSingleTableTransactionManager.BEAN_NAME)
        @Fallback
        fun reactiveSingleTableTransactionManager(factory: ReactiveSingleTableDatabaseFactory) =
            ReactiveSingleTableTransactionManager(factory)

        @Bean(SingleTableTransactionManager.BEAN_NAME)
        fun singleTableTransactionManager(tableName: String) =
            SingleTableTransactionManager(SingleTableTemplate(dynamo.client(), tableName).databaseFactory)

        @Bean
        fun reactiveTransactionalMethodsCheck() = ReactiveTransactionalMethodsCheck()

        @Bean
        fun namedTaskService(tasks: CoroutineTasks) = NamedTaskService(tasks)
    }

    @Configuration(proxyBeanMethods = false)
    class PlainTaskServiceConfiguration {

        @Bean
        fun plainTaskService(tasks: CoroutineTasks) = PlainTaskService(tasks)
    }

    @Configuration(proxyBeanMethods = false)
    class BlockingNamedTaskServiceConfiguration {

        @Bean
        fun blockingNamedTaskService(tasks: CoroutineTasks) = BlockingNamedTaskService(tasks)
    }
}
