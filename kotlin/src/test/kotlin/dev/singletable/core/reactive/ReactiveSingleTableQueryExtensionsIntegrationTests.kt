package dev.singletable.core.reactive

import java.time.LocalDate

import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.test.runTest
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatIllegalArgumentException
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.extension.RegisterExtension
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient

import dev.singletable.core.audit.AuditEntry
import dev.singletable.core.query.InvalidCursorException
import dev.singletable.core.query.first
import dev.singletable.core.query.get
import dev.singletable.fixtures.Customer
import dev.singletable.fixtures.Invoice
import dev.singletable.fixtures.Order
import dev.singletable.fixtures.Status
import dev.singletable.fixtures.Task
import dev.singletable.fixtures.Ticket
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension

/**
 * The reactive query and audit log from coroutines, on DynamoDB Local: every result as a `Flow`, pages, collections,
 * counts and first results as suspend functions; the query DSL on the reactive template with the blocking one's
 * refusals; the audit log of a type as a `Flow`.
 */
class ReactiveSingleTableQueryExtensionsIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-reactive-queries")

		private val june: LocalDate = LocalDate.of(2025, 6, 1)

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

	@Test
	fun aQueryIsReadAsAFlowOrAPageCountOrFirstResultAwaited() = runTest {
		for (day in 0 until 7) {
			template.awaitCreate(Task("t$day", null, "task $day", Status.OPEN, "ann", june.plusDays(day.toLong()), day,
				null))
		}
		val query = { template.query<Task> { index("gsi3"); Task::assignee eq "ann"; limit(3) } }

		assertThat(query().flow().toList().map { it.id }).containsExactly("t0", "t1", "t2")
		assertThat(template.query<Task> { index("gsi3"); Task::assignee eq "ann" }.flow().take(5).toList().map { it.id })
			.containsExactly("t0", "t1", "t2", "t3", "t4")
		val first = query().awaitPage()
		assertThat(first.items().map { it.id }).containsExactly("t0", "t1", "t2")
		val second = query().awaitPage(first.nextCursor())
		assertThat(second.items().map { it.id }).containsExactly("t3", "t4", "t5")
		// a next cursor is at the last result of its page: the results before it
		assertThat(query().awaitPageBefore(first.nextCursor()).items().map { it.id }).containsExactly("t0", "t1")
		assertThat(query().awaitPageBefore().items().map { it.id }).containsExactly("t4", "t5", "t6")
		assertThrows<InvalidCursorException> { query().awaitPage("not a cursor") }
		assertThat(template.query<Task> { index("gsi3"); Task::assignee eq "ann"; Task::due gt june }.awaitCount())
			.isEqualTo(6)
		assertThat(query().awaitFirstOrNull()?.id).isEqualTo("t0")
		assertThat(template.query<Task> { index("gsi3"); Task::assignee eq "bob" }.awaitFirstOrNull()).isNull()
	}

	@Test
	fun theQueryDslOfTheReactiveTemplateRefusesWhatTheBlockingOneRefuses() {
		assertThatIllegalArgumentException().isThrownBy {
			this.template.query<Task> {
				index("gsi3")
				Task::assignee eq "ann"
				Task::title eq "task 1"
			}
		}.withMessageContaining("Task::title is not a key of index 'gsi3' of Task")
	}

	@Test
	fun anItemCollectionPageIsAwaitedAndReadByType() = runTest {
		template.awaitCreate(Customer("c1", "Ann"))
		template.awaitCreate(Order("o1", "c1", 10))
		template.awaitCreate(Order("o2", "c1", 20))
		template.awaitCreate(Invoice("i1", "c1", false))

		val page = template.queryCollection("gsi1", Customer::class.java, Order::class.java, Invoice::class.java)
			.partition("customer#c1")
			.awaitCollection()

		assertThat(page.first<Customer>()?.name).isEqualTo("Ann")
		assertThat(page.get<Order>().map { it.amount }).containsExactly(10, 20)
		assertThat(page.get<Invoice>()).containsExactly(Invoice("i1", "c1", false))
	}

	@Test
	fun theAuditLogOfATypeIsAFlow() = runTest {
		val ticket = template.awaitCreate(Ticket("k1", null, "open"))
		template.awaitUpdate(ticket.copy(state = "closed"))
		template.awaitCreate(Ticket("k2", null, "open"))

		val rows = template.auditLog<Ticket>("k1").flow().toList()
		assertThat(rows.map { it.operation() }).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE)
		assertThat(template.auditLog<Ticket>().flow().toList().map { it.resourceId() })
			.containsExactlyInAnyOrder("k1", "k1", "k2")
		assertThat(template.auditLog<Ticket>("k2").awaitPage().items()).hasSize(1)
		assertThat(template.auditLog().awaitFindById(rows[0].id())).isEqualTo(rows[0])
		assertThat(template.auditLog().awaitFindById("missing")).isNull()
	}

}
