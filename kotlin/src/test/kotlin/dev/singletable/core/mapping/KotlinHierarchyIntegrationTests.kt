package dev.singletable.core.mapping

import dev.singletable.core.SingleTableTemplate
import dev.singletable.core.reactive.ReactiveSingleTableTemplate
import dev.singletable.test.DynamoDbLocal
import dev.singletable.test.DynamoDbLocalExtension
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatExceptionOfType
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.RegisterExtension
import org.springframework.data.annotation.Id
import org.springframework.data.annotation.TypeAlias
import org.springframework.data.annotation.Version

/**
 * A Kotlin sealed interface as the root of a hierarchy stored as one entity (issue 50, item 3), on DynamoDB Local:
 * its `val id: String` and `val version: Long?` compile to `getId()` and `getVersion()`, which are the accessors of
 * the `@Id` and `@Version` its data classes declare, as `String id()` is for Java records; and a hierarchy is
 * checked whole when any of its types is first used, so that a hand-built template never writes items its root
 * cannot read.
 */
class KotlinHierarchyIntegrationTests {

    companion object {

        @JvmField
        @RegisterExtension
        val dynamo = DynamoDbLocalExtension("singletable-kotlin-hierarchy")

    }

    @SingleTableEntity(versioned = true)
    @IndexKey(index = "gsi1", partition = "owner#{owner}")
    sealed interface Attachment {
        val id: String
        val version: Long?
        val owner: String
    }

    data class Photo(
        @Id override val id: String,
        @Version override val version: Long? = null,
        override val owner: String,
        val pixels: Int,
    ) : Attachment

    @TypeAlias("doc")
    data class Document(
        @Id override val id: String,
        @Version override val version: Long? = null,
        override val owner: String,
        val pages: Int = 1,
        val title: String? = null,
    ) : Attachment

    private lateinit var template: SingleTableTemplate

    @BeforeEach
    fun setUp() {
        template = SingleTableTemplate(dynamo.client(), dynamo.tableName())
    }

    @Test
    fun aSealedInterfaceWithValIdAndValVersionIsTheRootOfAHierarchy() {
        val root = template.converter.mappingContext.getRequiredPersistentEntity(Attachment::class.java)

        assertThat(root.requiredIdProperty.name).isEqualTo("id")
        assertThat(root.requiredVersionProperty.name).isEqualTo("version")
        assertThat(root.subtypes).containsOnlyKeys("Photo", "doc")
        assertThat(root.getIdentifierAccessor(Photo("a0", 4L, "ann", 10)).identifier).isEqualTo("a0")
        assertThat(root.getPropertyAccessor(Photo("a0", 4L, "ann", 10)).getProperty(root.requiredVersionProperty))
            .isEqualTo(4L)
    }

    @Test
    fun itsTypesAreWrittenVersionedAndReadThroughTheRoot() {
        val photo = template.create(Photo("a1", owner = "ann", pixels = 640))
        val document = template.update(Document("a1", photo.version, "ann", pages = 3))
        template.create(Document("a2", owner = "ann", title = "notes"))
        template.create(Photo("a3", owner = "bo", pixels = 1))

        assertThat(dynamo.storedItem("Attachment#a1", "v0")["type"]!!.s()).isEqualTo("doc")
        assertThat(dynamo.storedItem("Attachment#a1", "v1")["type"]!!.s()).isEqualTo("Photo")
        assertThat(document).isEqualTo(Document("a1", 2L, "ann", pages = 3))
        assertThat(template.findById(Attachment::class.java, "a1")).contains(document)
        assertThat(template.findById(Photo::class.java, "a1")).isEmpty()
        assertThat(template.findAllVersions(Attachment::class.java, "a1")).containsExactly(document, photo)
        assertThat(template.query(Attachment::class.java).index("gsi1").partition("owner#ann").all())
            .extracting<String> { it.id }
            .containsExactlyInAnyOrder("a1", "a2")
        assertThat(template.query(Photo::class.java).all()).extracting<String> { it.id }.containsExactly("a3")

        val client = DynamoDbLocal.newAsyncClient()
        try {
            val reactive = ReactiveSingleTableTemplate(client, dynamo.tableName())
            val again = reactive.update(Photo("a1", document.version, "ann", pixels = 1024)).block()!!
            assertThat(again.version).isEqualTo(3L)
            assertThat(reactive.findById(Attachment::class.java, "a1").block()).isEqualTo(again)
        } finally {
            client.close()
        }
    }

    @SingleTableEntity
    sealed interface Shipment {
        val id: String
    }

    data class Parcel(@Id override val id: String, val grams: Int) : Shipment

    /** Stores its `type` where the hierarchy's discriminator is. */
    data class Pallet(@Id override val id: String, val type: String) : Shipment

    @Test
    fun aHierarchyIsCheckedWholeWhenAnyOfItsTypesIsFirstUsed() {
        val refusal = assertThatExceptionOfType(InvalidEntityDefinitionException::class.java)
            .isThrownBy { template.create(Parcel("s1", 500)) }
            .actual()

        assertThat(refusal.entityType).isEqualTo(Pallet::class.java)
        assertThat(refusal.message).contains("stores a property as 'type', the discriminator")
        assertThat(dynamo.storedItem("Shipment#s1", "v0")).isEmpty()
        assertThatExceptionOfType(InvalidEntityDefinitionException::class.java)
            .isThrownBy { template.findById(Shipment::class.java, "s1") }
            .withMessage(refusal.message)
    }

}
