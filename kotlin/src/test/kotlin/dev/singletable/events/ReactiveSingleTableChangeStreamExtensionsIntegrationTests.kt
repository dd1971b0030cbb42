package dev.singletable.events

import java.time.Duration
import java.util.concurrent.CopyOnWriteArrayList

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.Version

import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.mapping.SingleTableEntity
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension

/** A plain type whose changes a flow receives. */
@SingleTableEntity
data class Label(@Id val id: String, val color: String)

/** A versioned type whose changes a flow receives with their old and new states. */
@SingleTableEntity(versioned = true)
data class Draft(@Id val id: String, @Version val version: Long?, val text: String)

/**
 * The changes of a table's stream on DynamoDB Local as a Kotlin `Flow` (through the KCL and the Streams adapter, as
 * in production): typed, in order, read one at a time as the collector takes them, complete when the stream stops;
 * and listeners registered with the type as a type argument.
 */
class ReactiveSingleTableChangeStreamExtensionsIntegrationTests {

	companion object {

		@JvmField
		@RegisterExtension
		val dynamo = DynamoDbLocalExtension("kotlin-changes") { it.withChangeStream() }

		private const val DELIVERY = 120_000L

		private val LEASES = "kotlin-changes-" + System.nanoTime()

	}

	private val streams = DynamoDbLocal.newStreamsClient()

	private val leases = DynamoDbLocal.newAsyncClient()

	private val started = mutableListOf<SingleTableChangeStream>()

	@AfterEach
	fun stop() {
		this.started.forEach(SingleTableChangeStream::stop)
		this.streams.close()
		this.leases.close()
	}

	private fun stream(template: SingleTableTemplate): SingleTableChangeStream {
		val changes = SingleTableChangeStream(template, this.streams, this.leases)
		// one lease table for the class: each test's worker starts from the checkpoint of the one before
		changes.setLeaseTableName(LEASES)
		changes.setFailoverTime(Duration.ofSeconds(5))
		changes.setPollInterval(Duration.ofMillis(100))
		this.started.add(changes)
		return changes
	}

	@Test
	fun theChangesOfATypeAreAFlowReadOneAtATimeAsTheCollectorTakesThem(): Unit = runBlocking {
		val template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
		val changes = stream(template)
		val received = CopyOnWriteArrayList<ResourceChange<Label>>()
		val gate = CompletableDeferred<Unit>()
		// subscribed before the listener below, so that the stream delivers to the flow first
		val collecting = launch(Dispatchers.Default, CoroutineStart.UNDISPATCHED) {
			ReactiveSingleTableChangeStream(changes).changes<Label>()
				.filter { it.id().startsWith("flow-") }
				.take(3)
				.collect { change ->
					received.add(change)
					if (received.size == 1) {
						gate.await()
					}
				}
		}
		val after = CopyOnWriteArrayList<String>()
		changes.addListener<Label> { after.add(it.id()) }

		template.save(Label("flow-1", "red"))
		template.save(Label("flow-2", "green"))
		template.save(Label("flow-3", "blue"))
		changes.start()

		await { received.size >= 1 }
		delay(1000)
		// the collector holds the first: the stream waits for it, and the listener after the flow with it
		assertThat(received.map { it.id() }).containsExactly("flow-1")
		assertThat(after).doesNotContain("flow-3")
		gate.complete(Unit)
		withTimeout(DELIVERY) { collecting.join() }
		assertThat(received.map { "${it.id()}=${it.newState()?.color}" })
			.containsExactly("flow-1=red", "flow-2=green", "flow-3=blue")
		assertThat(received.map { it.type() }).containsOnly(ResourceChange.Type.CREATED)
		assertThat(received.map { it.resourceType() }).containsOnly(Label::class.java)
		await { after.contains("flow-3") }

		// the flow ended with take(3): nothing waits for it any more
		template.save(Label("flow-4", "grey"))
		await { after.contains("flow-4") }
		assertThat(received).hasSize(3)
	}

	@Test
	fun aFlowReceivesOldAndNewStatesInOrderAndCompletesWhenTheStreamStops(): Unit = runBlocking {
		val template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
		val changes = stream(template)
		val received = CopyOnWriteArrayList<ResourceChange<Draft>>()
		val collecting = launch(Dispatchers.Default, CoroutineStart.UNDISPATCHED) {
			ReactiveSingleTableChangeStream(changes).changes<Draft>().collect { received.add(it) }
		}
		val deadLetters = CopyOnWriteArrayList<ChangeDeadLetterHandler.DeadLetter>()
		changes.setRetry(2, Duration.ofMillis(10), Duration.ofMillis(20))
		changes.setDeadLetterHandler { deadLetters.add(it) }
		changes.addListener<Draft>("draft checker") { if (it.newState()?.text == "poison") error("cannot take it") }

		val draft = template.create(Draft("d1", null, "first"))
		template.update(draft.copy(text = "second"))
		template.create(Draft("d2", null, "poison"))
		changes.start()

		await { received.size >= 3 && deadLetters.isNotEmpty() }
		assertThat(received.map { it.id() to it.type() }).containsExactly("d1" to ResourceChange.Type.CREATED,
			"d1" to ResourceChange.Type.UPDATED, "d2" to ResourceChange.Type.CREATED)
		assertThat(received[1].oldState()).isEqualTo(Draft("d1", 1, "first"))
		assertThat(received[1].newState()).isEqualTo(Draft("d1", 2, "second"))
		assertThat(deadLetters.single().listener()).isEqualTo("draft checker")
		assertThat(deadLetters.single().change()?.id()).isEqualTo("d2")

		changes.stop()
		withTimeout(DELIVERY) { collecting.join() }
		assertThat(collecting.isCancelled).isFalse()
	}

	private suspend fun await(condition: () -> Boolean) {
		withTimeout(DELIVERY) {
			while (!condition()) {
				delay(50)
			}
		}
	}

}
