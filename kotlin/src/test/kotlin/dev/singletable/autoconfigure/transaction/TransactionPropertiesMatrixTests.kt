package dev.singletable.autoconfigure.transaction

import kotlinx.coroutines.reactor.awaitSingle
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.transaction.annotation.Transactional
import org.springframework.transaction.reactive.TransactionSynchronizationManager
import reactor.core.publisher.Mono

import dev.singletable.autoconfigure.SingleTableAutoConfiguration
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration
import dev.singletable.core.reactive.ReactiveSingleTableOperations
import dev.singletable.test.DynamoDbLocal

/**
 * Each combination of `singletable.transaction.enabled` and `singletable.transaction.reactive.enabled` with a plain
 * `@Transactional` method of each kind, in an application with both templates: a blocking method, one returning
 * `Mono` and a `suspend` function either run in a transaction (of the manager their return type needs) or the
 * start-up fails, naming the method and the property that switched its manager off.
 */
class TransactionPropertiesMatrixTests {

	private val contextRunner = ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration::class.java,
			SingleTableAutoConfiguration::class.java, SingleTableReactiveAutoConfiguration::class.java,
			SingleTableTransactionManagerAutoConfiguration::class.java,
			SingleTableReactiveTransactionManagerAutoConfiguration::class.java))
		.withPropertyValues("singletable.endpoint=" + DynamoDbLocal.endpoint(),
			"singletable.table.create=create-if-missing")

	@Test
	fun `both managers on - every kind runs in a transaction`() {
		assertRuns(true, true, Kind.BLOCKING)
		assertRuns(true, true, Kind.MONO)
		assertRuns(true, true, Kind.SUSPEND)
	}

	@Test
	fun `blocking manager off - the blocking method is refused, the reactive ones run in a transaction`() {
		assertRefused(false, true, Kind.BLOCKING, "run() returns boolean", "singletable.transaction.enabled")
		assertRuns(false, true, Kind.MONO)
		assertRuns(false, true, Kind.SUSPEND)
	}

	@Test
	fun `reactive manager off - the reactive methods are refused, the blocking one runs in a transaction`() {
		assertRuns(true, false, Kind.BLOCKING)
		assertRefused(true, false, Kind.MONO, "run() returns Mono", "singletable.transaction.reactive.enabled")
		assertRefused(true, false, Kind.SUSPEND, "suspend fun run()", "singletable.transaction.reactive.enabled")
	}

	@Test
	fun `both managers off - every kind is refused naming its property`() {
		assertRefused(false, false, Kind.BLOCKING, "run() returns boolean", "singletable.transaction.enabled")
		assertRefused(false, false, Kind.MONO, "run() returns Mono", "singletable.transaction.reactive.enabled")
		assertRefused(false, false, Kind.SUSPEND, "suspend fun run()", "singletable.transaction.reactive.enabled")
	}

	private fun runner(blocking: Boolean, reactive: Boolean, kind: Kind) = this.contextRunner
		.withPropertyValues("singletable.table-name=kotlin-tx-matrix-" + System.nanoTime(),
			"singletable.transaction.enabled=$blocking", "singletable.transaction.reactive.enabled=$reactive")
		.withBean("service", kind.type)

	private fun assertRuns(blocking: Boolean, reactive: Boolean, kind: Kind) {
		runner(blocking, reactive, kind).run { context ->
			assertThat(context).hasNotFailed()
			val service = context.getBean(kind.type)
			val inTransaction = when (service) {
				is BlockingService -> service.run()
				is MonoService -> service.run().block()!!
				is SuspendService -> runBlocking { service.run() }
				else -> error("unknown $service")
			}
			assertThat(inTransaction).describedAs("$kind with enabled=$blocking, reactive.enabled=$reactive").isTrue()
		}
	}

	private fun assertRefused(blocking: Boolean, reactive: Boolean, kind: Kind, method: String, property: String) {
		runner(blocking, reactive, kind).run { context ->
			assertThat(context).getFailure()
				.describedAs("$kind with enabled=$blocking, reactive.enabled=$reactive")
				.isInstanceOf(TransactionManagerDisabledException::class.java)
				.hasMessageContaining("bean 'service' (" + kind.type.name + "): $method")
				.hasMessageContaining("$property=false switched singletable's off")
		}
	}

	enum class Kind(val type: Class<*>) {
		BLOCKING(BlockingService::class.java), MONO(MonoService::class.java), SUSPEND(SuspendService::class.java)
	}

	/** A blocking method: is a blocking Spring transaction active while it runs? */
	open class BlockingService {

		@Transactional
		open fun run(): Boolean =
			org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()
	}

	/** A method returning `Mono`, of a bean that reaches the reactive template. */
	open class MonoService(private val operations: ReactiveSingleTableOperations) {

		@Transactional
		open fun run(): Mono<Boolean> = inReactiveTransaction()
	}

	/** A `suspend` function, of a bean that reaches the reactive template. */
	open class SuspendService(private val operations: ReactiveSingleTableOperations) {

		@Transactional
		open suspend fun run(): Boolean = inReactiveTransaction().awaitSingle()
	}

}

/** Whether the subscriber runs in a reactive Spring transaction. */
private fun inReactiveTransaction(): Mono<Boolean> = TransactionSynchronizationManager.forCurrentTransaction()
	.map { it.isActualTransactionActive }
	.onErrorReturn(false)
