package dev.singletable.core.convert

import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.mapping.IndexKey
import dev.singletable.core.mapping.SingleTableEntity
import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import dev.singletable.test.MutableClock
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.Version
import software.amazon.awssdk.services.dynamodb.model.AttributeValue
import java.io.ByteArrayInputStream
import java.time.Instant
import java.util.zip.GZIPInputStream

/**
 * Kotlin data classes as entities on DynamoDB Local (issue 50, item 1), with Jackson's Kotlin module on the class
 * path, registered by the storage mapper of a hand-built template without any configuration: `val` properties,
 * nullable types, default values, enums, sets and lists and value classes are stored exactly as the Java record with
 * the same components stores them (the JSON in `data` byte for byte, the attributes of an uncompressed type one for
 * one), so that Python and Java services read them unchanged; a property added later with a default value reads
 * every item stored before it (blocking and reactive, compressed and plain); a nullable property in an index key
 * leaves the item out of that index.
 */
class KotlinEntityIntegrationTests {

    companion object {

        @JvmField
        @RegisterExtension
        val dynamo = DynamoDbLocalExtension("singletable-kotlin-entities")

        private val NOW: Instant = Instant.parse("2026-03-01T09:30:00.250Z")

    }

    enum class Priority { LOW, HIGH }

    /** Stored as the string it wraps. */
    @JvmInline
    value class Email(val address: String)

    /** The Kotlin twin of [TaskRecord]. */
    @SingleTableEntity(versioned = true, prefix = "KotlinTask")
    data class Task(
        @Id val id: String,
        @Version val version: Long? = null,
        val title: String,
        val assignee: String? = null,
        val priority: Priority = Priority.LOW,
        val tags: Set<String> = emptySet(),
        val steps: List<String> = emptyList(),
        val done: Boolean = false,
        val isUrgent: Boolean = false,
        val estimate: Int? = null,
        val owner: Email,
        val contact: Email? = null,
    )

    /** The Kotlin twin of [NoteRecord]: uncompressed, each property an attribute. */
    @SingleTableEntity(prefix = "KotlinNote")
    data class Note(
        @Id val id: String,
        val text: String,
        val author: String? = null,
        val priority: Priority = Priority.HIGH,
        val tags: Set<String> = emptySet(),
        val scores: List<Int> = emptyList(),
        val pinned: Boolean = false,
        val views: Long? = null,
        val owner: Email,
    )

    private lateinit var template: SingleTableTemplate

    /** Writes the Java records: a template of its own, whose clock reads what [template]'s reads. */
    private lateinit var javaTemplate: SingleTableTemplate

    @BeforeEach
    fun setUp() {
        template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
        template.setClock(MutableClock(NOW))
        javaTemplate = SingleTableTemplate(dynamo.client(), dynamo.tableName())
        javaTemplate.setClock(MutableClock(NOW))
    }

    @Test
    fun aDataClassStoresTheJsonOfTheEquivalentJavaRecordByteForByte() {
        val task = template.create(
            Task("t1", title = "write", assignee = "ann", priority = Priority.HIGH, tags = setOf("a", "b"),
                steps = listOf("draft", "review"), done = true, isUrgent = true, estimate = 3, owner = Email("o@x"),
                contact = Email("c@x")),
        )
        val record = javaTemplate.create(
            TaskRecord("t1", null, "write", "ann", TaskRecord.Priority.HIGH, setOf("a", "b"), listOf("draft", "review"),
                true, true, 3, "o@x", "c@x"),
        )
        val sparse = template.create(Task("t2", title = "plan", owner = Email("o@y")))
        val sparseRecord = javaTemplate.create(
            TaskRecord("t2", null, "plan", null, TaskRecord.Priority.LOW, setOf(), listOf(), false, false, null, "o@y",
                null),
        )

        for (id in listOf("t1", "t2")) {
            for (sk in listOf("v0", "v1")) {
                val kotlin = dynamo.storedItem("KotlinTask#$id", sk)
                val java = dynamo.storedItem("JavaTask#$id", sk)
                assertThat(json(kotlin)).isEqualTo(json(java)).contains("\"resource_id\":\"$id\"")
                assertThat(comparable(kotlin)).isEqualTo(comparable(java))
            }
        }
        assertThat(json(dynamo.storedItem("KotlinTask#t1", "v0"))).startsWith("{\"resource_id\":\"t1\",\"version\":1,"
            + "\"title\":\"write\",\"assignee\":\"ann\",\"priority\":\"HIGH\",\"tags\":[\"a\",\"b\"],"
            + "\"steps\":[\"draft\",\"review\"],\"done\":true,\"isUrgent\":true,\"estimate\":3,\"owner\":\"o@x\","
            + "\"contact\":\"c@x\",\"created_at\":\"2026-03-01T09:30:00.25")
        assertThat(json(dynamo.storedItem("KotlinTask#t2", "v0"))).contains("\"assignee\":null", "\"contact\":null",
            "\"tags\":[]")
        assertThat(task.version).isEqualTo(1L)
        assertThat(record.version()).isEqualTo(1L)
        assertThat(sparseRecord.version()).isEqualTo(sparse.version)
        assertThat(template.findById(Task::class.java, "t1")).contains(task)
        assertThat(template.findById(Task::class.java, "t2")).contains(sparse)
        assertThat(javaTemplate.findById(TaskRecord::class.java, "t1")).contains(record)
    }

    @Test
    fun anUncompressedDataClassStoresTheAttributesOfTheEquivalentJavaRecord() {
        val note = template.create(
            Note("n1", "hello", author = "ann", tags = setOf("x", "y"), scores = listOf(3, 1), pinned = true,
                views = 12L, owner = Email("o@x")),
        )
        javaTemplate.create(
            NoteRecord("n1", "hello", "ann", TaskRecord.Priority.HIGH, setOf("x", "y"), listOf(3, 1), true, 12L,
                "o@x"),
        )
        val bare = template.create(Note("n2", "bye", owner = Email("o@y")))
        javaTemplate.create(NoteRecord("n2", "bye", null, TaskRecord.Priority.HIGH, setOf(), listOf(), false, null, "o@y"))

        // an unversioned item's sort key is its partition key
        val stored = dynamo.storedItem("KotlinNote#n1", "KotlinNote#n1")
        assertThat(comparable(stored)).isEqualTo(comparable(dynamo.storedItem("JavaNote#n1", "JavaNote#n1")))
        assertThat(comparable(dynamo.storedItem("KotlinNote#n2", "KotlinNote#n2")))
            .isEqualTo(comparable(dynamo.storedItem("JavaNote#n2", "JavaNote#n2")))
        assertThat(stored["tags"]!!.ss()).containsExactlyInAnyOrder("x", "y")
        assertThat(stored["owner"]!!.s()).isEqualTo("o@x")
        assertThat(stored["priority"]!!.s()).isEqualTo("HIGH")
        assertThat(dynamo.storedItem("KotlinNote#n2", "KotlinNote#n2")["author"]!!.nul()).isTrue()
        assertThat(template.findById(Note::class.java, "n1")).contains(note)
        assertThat(template.findById(Note::class.java, "n2")).contains(bare)
    }

    @SingleTableEntity(versioned = true, prefix = "Ticket")
    data class TicketBefore(@Id val id: String, @Version val version: Long? = null, val title: String)

    /** [TicketBefore] with properties added since, each with its default. */
    @SingleTableEntity(versioned = true, prefix = "Ticket")
    data class Ticket(
        @Id val id: String,
        @Version val version: Long? = null,
        val title: String,
        val labels: List<String> = emptyList(),
        val priority: Priority = Priority.LOW,
        val reviewer: String? = null,
        val tags: Set<String> = emptySet(),
        val points: Int = 1,
        val contact: Email? = null,
    )

    @SingleTableEntity(versioned = true, prefix = "PlainTicket", compression = SingleTableEntity.Compression.DISABLED)
    data class PlainTicketBefore(@Id val id: String, @Version val version: Long? = null, val title: String)

    /** [PlainTicketBefore] with properties added since, each with its default. */
    @SingleTableEntity(versioned = true, prefix = "PlainTicket", compression = SingleTableEntity.Compression.DISABLED)
    data class PlainTicket(
        @Id val id: String,
        @Version val version: Long? = null,
        val title: String,
        val labels: List<String> = listOf("triage"),
        val priority: Priority = Priority.HIGH,
        val reviewer: String? = null,
        val tags: Set<String> = emptySet(),
        val points: Int = 2,
    )

    @Test
    fun aPropertyAddedWithADefaultValueReadsEveryItemStoredBeforeIt() {
        // the application before the change, with a template of its own (its own mapping of the prefixes)
        val before = SingleTableTemplate(dynamo.client(), dynamo.tableName())
        val written = before.create(TicketBefore("k1", title = "first"))
        before.update(written.copy(title = "second"))
        val plainWritten = before.create(PlainTicketBefore("p1", title = "first"))
        before.update(plainWritten.copy(title = "second"))
        assertThat(dynamo.storedItem("Ticket#k1", "v0")).containsKey("data")
        assertThat(dynamo.storedItem("PlainTicket#p1", "v0")).containsKey("title").doesNotContainKey("data")

        val latest = Ticket("k1", 2L, "second")
        val history = listOf(latest, Ticket("k1", 1L, "first"))
        val plainLatest = PlainTicket("p1", 2L, "second")
        val plainHistory = listOf(plainLatest, PlainTicket("p1", 1L, "first"))
        assertThat(template.findById(Ticket::class.java, "k1")).contains(latest)
        assertThat(template.findAllVersions(Ticket::class.java, "k1")).isEqualTo(history)
        assertThat(template.query(Ticket::class.java).all()).containsExactly(latest)
        assertThat(template.findById(PlainTicket::class.java, "p1")).contains(plainLatest)
        assertThat(template.findAllVersions(PlainTicket::class.java, "p1")).isEqualTo(plainHistory)
        assertThat(template.query(PlainTicket::class.java).all()).containsExactly(plainLatest)

        val client = DynamoDbLocal.newAsyncClient()
        try {
            val reactive = ReactiveSingleTableTemplate(client, dynamo.tableName())
            assertThat(reactive.findById(Ticket::class.java, "k1").block()).isEqualTo(latest)
            assertThat(reactive.findAllVersions(Ticket::class.java, "k1").collectList().block()).isEqualTo(history)
            assertThat(reactive.query(Ticket::class.java).all().collectList().block()).containsExactly(latest)
            assertThat(reactive.findById(PlainTicket::class.java, "p1").block()).isEqualTo(plainLatest)
            assertThat(reactive.findAllVersions(PlainTicket::class.java, "p1").collectList().block())
                .isEqualTo(plainHistory)
            // and a write of the new shape is read back by the old one, which ignores what it does not know
            val updated = reactive.update(latest.copy(labels = listOf("bug"), reviewer = "bo")).block()!!
            assertThat(updated.version).isEqualTo(3L)
            assertThat(before.findById(TicketBefore::class.java, "k1")).contains(TicketBefore("k1", 3L, "second"))
        } finally {
            client.close()
        }
    }

    @SingleTableEntity(prefix = "Review")
    @IndexKey(index = "gsi1", partition = "reviewer#{reviewer}")
    data class Review(@Id val id: String, val reviewer: String? = null, val verdict: String = "open")

    @Test
    fun aNullablePropertyInAnIndexKeyLeavesTheItemOutOfThatIndex() {
        template.create(Review("r1", reviewer = "ann"))
        template.create(Review("r2"))
        template.create(Review("r3", reviewer = "ann", verdict = "approved"))

        assertThat(dynamo.storedItem("Review#r1", "Review#r1")["gsi1pk"]!!.s()).isEqualTo("reviewer#ann")
        assertThat(dynamo.storedItem("Review#r2", "Review#r2")).containsKey("resource_id").doesNotContainKey("gsi1pk")
        assertThat(template.query(Review::class.java).index("gsi1").partition("reviewer#ann").all())
            .extracting<String> { it.id }
            .containsExactly("r1", "r3")
        assertThat(template.query(Review::class.java).all()).extracting<String> { it.id }
            .containsExactlyInAnyOrder("r1", "r2", "r3")
        assertThat(template.findById(Review::class.java, "r2")).contains(Review("r2"))
    }

    /** The JSON an item stores in `data`, gunzipped. */
    private fun json(item: Map<String, AttributeValue>): String {
        val data = item["data"] ?: throw AssertionError("no data in $item")
        return GZIPInputStream(ByteArrayInputStream(data.b().asByteArray())).use { String(it.readAllBytes()) }
    }

    /**
     * An item without the attributes that differ between any two types or writes: those holding its type's prefix
     * (its keys and the type index's partition) and the token of the write that stored it.
     */
    private fun comparable(item: Map<String, AttributeValue>): Map<String, AttributeValue> {
        assertThat(item).isNotEmpty()
        return item - setOf("pk", "sk", "gsitype", "_version_token")
    }

}
