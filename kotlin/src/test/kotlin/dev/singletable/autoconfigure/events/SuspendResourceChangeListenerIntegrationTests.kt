package dev.singletable.autoconfigure.events

import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

import kotlinx.coroutines.delay
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurationPackage
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.Version

import dev.singletable.autoconfigure.SingleTableAutoConfiguration
import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.mapping.SingleTableEntity
import dev.singletable.events.ChangeDeadLetterHandler
import dev.singletable.events.ResourceChange
import dev.singletable.events.ResourceChangeListener
import dev.singletable.test.DynamoDbLocal

/** A versioned entity whose changes the application's suspend listener receives. */
@SingleTableEntity(versioned = true)
data class Parcel(@Id val id: String, @Version val version: Long?, val state: String)

/**
 * `@ResourceChangeListener` methods declared as Kotlin `suspend` functions, registered by the auto-configuration in
 * a small application on DynamoDB Local's stream: each change is delivered once the function has returned (after it
 * suspended), in order; one that throws is called again, then dead-lettered; a suspend function of the wrong
 * signature is refused at start-up as a plain method is.
 */
class SuspendResourceChangeListenerIntegrationTests {

	private val contextRunner = ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration::class.java,
			SingleTableChangeEventsAutoConfiguration::class.java))
		.withPropertyValues("singletable.endpoint=" + DynamoDbLocal.endpoint(),
			"singletable.table.create=create-if-missing", "singletable.changes.enabled=true",
			"singletable.changes.failover-time=5s", "singletable.changes.poll-interval=100ms",
			"singletable.changes.max-attempts=2", "singletable.changes.initial-backoff=10ms")

	@Test
	fun aSuspendListenerReceivesEachChangeOnceItsFunctionReturnedAndAFailingOneIsRetriedThenDeadLettered() {
		this.contextRunner.withUserConfiguration(SuspendListenerApplication::class.java)
			.withPropertyValues("singletable.table-name=kotlin-suspend-listeners-" + System.nanoTime())
			.run { context ->
				val template = context.getBean(SingleTableTemplate::class.java)
				val parcel = template.create(Parcel("p1", null, "packed"))
				template.update(parcel.copy(state = "shipped"))
				template.create(Parcel("p2", null, "flaky"))
				template.create(Parcel("p3", null, "poison"))
				template.create(Parcel("p4", null, "packed"))

				val tracker = context.getBean(Tracker::class.java)
				val deadLetters = context.getBean(DeadLetters::class.java)
				await { tracker.delivered.any { it.startsWith("p4") } && deadLetters.received.isNotEmpty() }
				// each one after the function before it returned: in order, the flaky one after its second call
				assertThat(tracker.delivered).containsExactly("p1=packed", "p1=shipped", "p2=flaky", "p4=packed")
				assertThat(tracker.calls["p2"]?.get()).isEqualTo(2)
				assertThat(tracker.calls["p3"]?.get()).isEqualTo(2)
				assertThat(tracker.overlapped.get()).isZero()
				val deadLetter = deadLetters.received.single()
				assertThat(deadLetter.listener()).isEqualTo("tracker.on")
				assertThat(deadLetter.change()?.id()).isEqualTo("p3")
				assertThat(deadLetter.failure()).hasMessage("cannot ship p3")
			}
	}

	@Test
	fun aSuspendListenerOfNoEntityTypeIsRefusedAtStartUp() {
		this.contextRunner.withUserConfiguration(WrongSuspendListener::class.java)
			.withPropertyValues("singletable.table-name=kotlin-suspend-wrong-" + System.nanoTime())
			.run { context ->
				assertThat(context).failure
					.rootCause()
					.hasMessageContaining("@ResourceChangeListener wrongListener.on must take one ResourceChange<T> " +
						"parameter")
			}
	}

	private fun await(condition: () -> Boolean) {
		val deadline = System.nanoTime() + 120_000_000_000L
		while (!condition() && System.nanoTime() < deadline) {
			Thread.sleep(50)
		}
	}

	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	class SuspendListenerApplication {

		@Bean
		fun tracker(): Tracker = Tracker()

		@Bean
		fun deadLetters(): DeadLetters = DeadLetters()

	}

	/** Receives parcel changes in a suspend function that suspends before it records them. */
	class Tracker {

		val delivered: MutableList<String> = CopyOnWriteArrayList()

		val calls: MutableMap<String, AtomicInteger> = ConcurrentHashMap()

		val overlapped = AtomicInteger()

		private val running = AtomicInteger()

		@ResourceChangeListener
		suspend fun on(change: ResourceChange<Parcel>) {
			if (this.running.incrementAndGet() > 1) {
				this.overlapped.incrementAndGet()
			}
			try {
				val call = this.calls.computeIfAbsent(change.id()) { AtomicInteger() }.incrementAndGet()
				delay(100)
				val state = change.newState()?.state
				check(state != "poison") { "cannot ship ${change.id()}" }
				check(state != "flaky" || call > 1) { "not yet" }
				this.delivered.add("${change.id()}=$state")
			}
			finally {
				this.running.decrementAndGet()
			}
		}

	}

	/** The application's dead-letter handler. */
	class DeadLetters : ChangeDeadLetterHandler {

		val received: MutableList<ChangeDeadLetterHandler.DeadLetter> = CopyOnWriteArrayList()

		override fun handle(deadLetter: ChangeDeadLetterHandler.DeadLetter) {
			this.received.add(deadLetter)
		}

	}

	@Configuration(proxyBeanMethods = false)
	class WrongSuspendListener {

		@Bean
		fun wrongListener(): WrongListener = WrongListener()

	}

	/** A suspend listener whose parameter is no change. */
	class WrongListener {

		@ResourceChangeListener
		suspend fun on(change: String) {
			delay(1)
			check(change.isNotEmpty())
		}

	}

}
