package dev.singletable.benchmarks.coroutines

import dev.singletable.benchmarks.model.Documents
import dev.singletable.benchmarks.model.Event
import dev.singletable.benchmarks.model.VersionedArticle
import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.core.schema.SingleTableSchema
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory
import dev.singletable.test.DynamoDbLocal
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import reactor.core.publisher.Flux
import reactor.core.publisher.Mono
import java.lang.management.ManagementFactory
import java.util.Locale
import kotlin.system.exitProcess

/**
 * Issue 50's benchmark, on one in-process DynamoDB Local, printed as markdown: a coroutine repository
 * ([CoroutineEvents], [CoroutineArticles]: `suspend` functions that Spring Data adapts to the reactive repository's
 * `Mono`s) against the reactive repository of the same type ([ReactiveEvents], [ReactiveArticles]), both made by
 * [ReactiveSingleTableRepositoryFactory] on one [ReactiveSingleTableTemplate] and one async client, for `findById`
 * and `save` (an update of a stored resource) of a small plain [Event] and of a ~10 KB versioned, compressed
 * [VersionedArticle] (every save prunes its fifth version). Each API keeps [LANES] operations in flight, each lane
 * on its own resource: the coroutine API as coroutines on `Dispatchers.Unconfined` (as WebFlux runs `suspend`
 * handlers: each resumes on the thread that completed the call), the reactive API as `Mono`s merged by
 * `Flux.flatMap`. Operations per second are counted over rounds of [ROUND_MILLIS] ms after a warm-up of every
 * operation of both APIs ([WARM_UP_MILLIS] ms each) and of the operation itself (one round each), the APIs
 * taking turns within each round in alternating order; the ratio is the coroutine API's over the reactive API's,
 * paired by round, then the median (min–max). Client CPU is the CPU time per operation of every thread but DynamoDB
 * Local's (its Jetty `qtp` and `SQLiteQueue` threads), median of the rounds: on a busy machine the figure that
 * contention moves least.
 *
 * `java ... dev.singletable.benchmarks.coroutines.CoroutineRepositoryBenchmark [rounds]` (15 by default).
 */
object CoroutineRepositoryBenchmark {

    private const val LANES = 8

    private const val ROUND_MILLIS = 1_000L

    private const val WARM_UP_MILLIS = 3_000L

    /** One operation of one lane, as each API runs it. */
    private class Operation(
        val name: String,
        val coroutine: suspend (Int) -> Unit,
        val reactive: (Int) -> Mono<*>,
    )

    @JvmStatic
    fun main(args: Array<String>) {
        val rounds = args.firstOrNull()?.toInt() ?: 15
        val client = DynamoDbLocal.newAsyncClient()
        val table = "coroutines-bench-" + System.nanoTime()
        DynamoDbLocal.newClient().use { SingleTableSchema.standard(table).create(it) }
        val template = ReactiveSingleTableTemplate(client, table)
        val factory = ReactiveSingleTableRepositoryFactory(template)
        val coroutineEvents = factory.getRepository(CoroutineEvents::class.java)
        val reactiveEvents = factory.getRepository(ReactiveEvents::class.java)
        val coroutineArticles = factory.getRepository(CoroutineArticles::class.java)
        val reactiveArticles = factory.getRepository(ReactiveArticles::class.java)

        // each lane of each API reads and saves its own resource; the versioned ones start at their fifth version
        val events = Array(2) { api -> Array(LANES) { lane ->
            reactiveEvents.save(Documents.event((api * LANES + lane).toLong())).block()!!
        } }
        val articles = Array(2) { api -> Array(LANES) { lane ->
            var article = reactiveArticles.save(VersionedArticle.of(Documents.article((api * LANES + lane).toLong())))
                .block()!!
            repeat(VersionedArticle.MAX_VERSIONS - 1) { article = reactiveArticles.save(article).block()!! }
            article
        } }
        val coroutineSide = 0
        val reactiveSide = 1
        val operations = listOf(
            Operation("findById, plain ~300 B",
                { lane -> checkNotNull(coroutineEvents.findById(events[coroutineSide][lane].id()!!)) },
                { lane -> reactiveEvents.findById(events[reactiveSide][lane].id()!!) }),
            Operation("save (update), plain ~300 B",
                { lane -> events[coroutineSide][lane] = coroutineEvents.save(events[coroutineSide][lane]) },
                { lane -> reactiveEvents.save(events[reactiveSide][lane]).doOnNext { events[reactiveSide][lane] = it } }),
            Operation("findById, versioned ~10 KB",
                { lane -> checkNotNull(coroutineArticles.findById(articles[coroutineSide][lane].id()!!)) },
                { lane -> reactiveArticles.findById(articles[reactiveSide][lane].id()!!) }),
            Operation("save (versioned update), ~10 KB",
                { lane -> articles[coroutineSide][lane] = coroutineArticles.save(articles[coroutineSide][lane]) },
                { lane -> reactiveArticles.save(articles[reactiveSide][lane]).doOnNext { articles[reactiveSide][lane] = it } }),
        )

        val started = System.nanoTime()
        val report = StringBuilder()
        report.append("| operation | coroutine repository ops/s | reactive repository ops/s | coroutine / reactive " +
            "| client CPU µs/op, coroutine | client CPU µs/op, reactive | CPU coroutine / reactive |\n")
            .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        // every operation of both APIs once before any is measured (the JIT compiles the paths they share), then
        // each again right before its rounds
        for (operation in operations) {
            coroutineRound(operation, WARM_UP_MILLIS)
            reactiveRound(operation, WARM_UP_MILLIS)
        }
        for (operation in operations) {
            coroutineRound(operation, ROUND_MILLIS)
            reactiveRound(operation, ROUND_MILLIS)
            val coroutine = mutableListOf<Round>()
            val reactive = mutableListOf<Round>()
            for (round in 0 until rounds) {
                if (round % 2 == 0) {
                    coroutine += coroutineRound(operation, ROUND_MILLIS)
                    reactive += reactiveRound(operation, ROUND_MILLIS)
                } else {
                    reactive += reactiveRound(operation, ROUND_MILLIS)
                    coroutine += coroutineRound(operation, ROUND_MILLIS)
                }
            }
            val rates = coroutine.map { it.opsPerSecond } to reactive.map { it.opsPerSecond }
            val ratios = coroutine.indices.map { coroutine[it].opsPerSecond / reactive[it].opsPerSecond }
            val cpu = coroutine.map { it.cpuMicrosPerOp } to reactive.map { it.cpuMicrosPerOp }
            report.append(String.format(Locale.ROOT, "| %s | %,.0f (%,.0f–%,.0f) | %,.0f (%,.0f–%,.0f) | " +
                "%.2f× (%.2f×–%.2f×) | %,.0f | %,.0f | %.2f× |%n", operation.name,
                median(rates.first), lowest(rates.first), highest(rates.first),
                median(rates.second), lowest(rates.second), highest(rates.second),
                median(ratios), lowest(ratios), highest(ratios),
                median(cpu.first), median(cpu.second), median(cpu.first) / median(cpu.second)))
        }
        val seconds = HashMap<String, Double>()
        for (id in threads.allThreadIds) {
            val name = threads.getThreadInfo(id)?.threadName ?: continue
            seconds.merge(name.replace(Regex("\\d+"), "N"), threads.getThreadCpuTime(id) / 1e9, Double::plus)
        }
        val busiest = ArrayList(seconds.entries)
        busiest.sortWith(compareByDescending { it.value })
        report.append("\nCPU seconds by thread over the run (digits shown as N): ")
            .append(busiest.take(12).joinToString { String.format(Locale.ROOT, "`%s` %.1f", it.key, it.value) })
            .append('\n')
        val load = ManagementFactory.getOperatingSystemMXBean().systemLoadAverage
        report.append(String.format(Locale.ROOT, "%n%d rounds of %d ms per API and operation, %d operations in flight, " +
            "%d cores, %.0f s; one-minute load average at the end %.1f%n", rounds, ROUND_MILLIS, LANES,
            Runtime.getRuntime().availableProcessors(), (System.nanoTime() - started) / 1e9, load))
        println(report)
        client.close()
        exitProcess(0)
    }

    /** What one API did in one round. */
    private class Round(val opsPerSecond: Double, val cpuMicrosPerOp: Double)

    private val threads = ManagementFactory.getThreadMXBean()

    /** The CPU time so far of every live thread but DynamoDB Local's. */
    private fun clientCpuNanos(): Long = threads.allThreadIds.sumOf { id ->
        val name = threads.getThreadInfo(id)?.threadName ?: return@sumOf 0L
        if (name.startsWith("qtp") || name.startsWith("SQLiteQueue")) 0L else maxOf(0L, threads.getThreadCpuTime(id))
    }

    private fun round(operations: Long, startNanos: Long, startCpu: Long): Round =
        Round(operations / ((System.nanoTime() - startNanos) / 1e9), (clientCpuNanos() - startCpu) / 1e3 / operations)

    /** Runs [LANES] coroutines until the round ends. */
    private fun coroutineRound(operation: Operation, millis: Long): Round = runBlocking {
        val cpu = clientCpuNanos()
        val start = System.nanoTime()
        val end = start + millis * 1_000_000
        val done = withContext(Dispatchers.Unconfined) {
            (0 until LANES).map { lane ->
                async {
                    var count = 0L
                    while (System.nanoTime() < end) {
                        operation.coroutine(lane)
                        count++
                    }
                    count
                }
            }.awaitAll().sum()
        }
        round(done, start, cpu)
    }

    /** Runs [LANES] chains of `Mono`s until the round ends. */
    private fun reactiveRound(operation: Operation, millis: Long): Round {
        val cpu = clientCpuNanos()
        val start = System.nanoTime()
        val end = start + millis * 1_000_000
        val done = Flux.range(0, LANES)
            .flatMap({ lane -> Mono.defer { operation.reactive(lane) }.repeat { System.nanoTime() < end }.count() }, LANES)
            .reduce(0L) { sum, count -> sum + count }
            .block()!!
        return round(done, start, cpu)
    }

    private fun median(values: List<Double>): Double = values.sorted()[values.size / 2]

    private fun lowest(values: List<Double>): Double = values.sorted().first()

    private fun highest(values: List<Double>): Double = values.sorted().last()

}
