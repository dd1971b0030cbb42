package dev.singletable.repository.kotlin.tasks

import dev.singletable.core.mapping.IndexKey
import dev.singletable.core.mapping.SingleTableEntity
import dev.singletable.core.query.ItemCollection
import dev.singletable.repository.CollectionQuery
import dev.singletable.repository.kotlin.CoroutineSingleTableRepository
import org.springframework.data.annotation.Id
import org.springframework.data.domain.Limit

/** A customer, the head of an item collection on `gsi1`. */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{id}")
data class Customer(@Id val id: String, val name: String)

/** A purchase of a customer, in the customer's item collection. */
@SingleTableEntity
@IndexKey(index = "gsi1", partition = "customer#{customerId}")
data class Purchase(@Id val id: String, val customerId: String, val amount: Int)

/** A coroutine repository reading the item collection of a customer with a `suspend` function. */
interface CoroutineCustomers : CoroutineSingleTableRepository<Customer, String> {

    @CollectionQuery(index = "gsi1", types = [Customer::class, Purchase::class])
    suspend fun findCustomerView(customerKey: String, cursor: String?, limit: Limit): ItemCollection
}
