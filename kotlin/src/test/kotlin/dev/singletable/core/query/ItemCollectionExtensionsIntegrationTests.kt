package dev.singletable.core.query

import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatIllegalArgumentException
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension

import dev.singletable.core.SingleTableTemplate
import dev.singletable.fixtures.Customer
import dev.singletable.fixtures.Invoice
import dev.singletable.fixtures.Order
import dev.singletable.fixtures.Task
import dev.singletable.test.DynamoDbLocalExtension

/**
 * An item collection read from Kotlin, on DynamoDB Local: its items by type as a type argument, its first of a type
 * `null` when there is none, and a filter of one of its types built from property references.
 */
class ItemCollectionExtensionsIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-collections")

	}

	private lateinit var template: SingleTableTemplate

	@BeforeEach
	fun setUp() {
		this.template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
		this.template.create(Customer("c1", "Ann"))
		this.template.create(Order("o1", "c1", 10))
		this.template.create(Order("o2", "c1", 20))
		this.template.create(Invoice("i1", "c1", true))
		this.template.create(Invoice("i2", "c1", false))
		this.template.create(Customer("c2", "Bob"))
	}

	@Test
	fun theItemsOfAPageAreReadByTheirTypeAsATypeArgument() {
		val page = this.template.queryCollection("gsi1", Customer::class.java, Order::class.java, Invoice::class.java)
			.partition("customer#c1")
			.collection(null)

		val customer: Customer? = page.first<Customer>()
		assertThat(customer).isEqualTo(Customer("c1", "Ann"))
		assertThat(page.get<Order>()).containsExactly(Order("o1", "c1", 10), Order("o2", "c1", 20))
		assertThat(page.first<Invoice>()?.id).isEqualTo("i1")
		assertThatIllegalArgumentException().isThrownBy { page.get<Task>() }
			.withMessageContaining("Task is not one of the collection's types: Customer, Invoice, Order")

		val bob = this.template.queryCollection("gsi1", Customer::class.java, Order::class.java)
			.partition("customer#c2")
			.collection(null)
		assertThat(bob.first<Order>()).isNull()
		assertThat(bob.get<Order>()).isEmpty()
	}

	@Test
	fun aFilterOfOneTypeOfTheCollectionIsBuiltFromItsPropertyReferences() {
		val unpaid = this.template.queryCollection("gsi1", Customer::class.java, Order::class.java, Invoice::class.java)
			.partition("customer#c1")
			.filter(forType<Invoice> { Invoice::paid eq false })
			.filter(forType<Order> { Order::amount gt 10 })
			.collection(null)

		assertThat(unpaid.get<Invoice>()).containsExactly(Invoice("i2", "c1", false))
		assertThat(unpaid.get<Order>()).containsExactly(Order("o2", "c1", 20))
		assertThat(unpaid.first<Customer>()).isNotNull()
	}

}
