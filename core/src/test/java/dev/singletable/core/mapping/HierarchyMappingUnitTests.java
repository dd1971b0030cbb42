package dev.singletable.core.mapping;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.annotation.Version;

import dev.singletable.core.convert.MappingSingleTableConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the mapping reads a hierarchy stored as one entity, without a server: the root owns the prefix and settings,
 * each concrete type shares them and is named by its alias; an interface has the properties its concrete types all
 * implement, their annotations included; definitions that cannot be stored are refused, naming what to change.
 */
class HierarchyMappingUnitTests {

	private final SingleTableMappingContext context = new SingleTableMappingContext();

	@SingleTableEntity(versioned = true, prefix = "Shape")
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	sealed interface Shape permits Circle, Square, Named {

		String id();

		Long version();

		String owner();

	}

	record Circle(@Id String id, @Version Long version, String owner, double radius) implements Shape {
	}

	@TypeAlias("sq")
	record Square(@Id String id, @Version Long version, String owner, double side) implements Shape {
	}

	/** A sealed level in between: its concrete types belong to the root. */
	sealed interface Named extends Shape permits Label {
	}

	record Label(@Id String id, @Version Long version, String owner, String text) implements Named {
	}

	@Test
	void theRootOwnsThePrefixAndEachConcreteTypeSharesItUnderItsAlias() {
		SingleTablePersistentEntity<?> root = this.context.getRequiredPersistentEntity(Shape.class);
		SingleTablePersistentEntity<?> square = this.context.getRequiredPersistentEntity(Square.class);

		assertThat(root.getPrefix()).isEqualTo("Shape");
		assertThat(square.getPrefix()).isEqualTo("Shape");
		assertThat(square.isVersioned()).isTrue();
		assertThat(square.getRootType()).isEqualTo(Shape.class);
		assertThat(root.getDiscriminator()).isEqualTo("type");
		assertThat(root.getSubtypes()).containsExactly(Map.entry("Circle", Circle.class), Map.entry("sq", Square.class),
				Map.entry("Label", Label.class));
		assertThat(square.getSubtypes()).containsExactly(Map.entry("sq", Square.class));
		assertThat(this.context.getOwningEntity("Shape#42")).isSameAs(root);
		assertThat(square.getIndexDefinition("gsi1")).isNotNull();
	}

	@Test
	void askingForAConcreteTypeFirstMapsTheRootAndEveryConcreteTypeOnce() {
		SingleTablePersistentEntity<?> square = this.context.getRequiredPersistentEntity(Square.class);

		assertThat(this.context.hasPersistentEntityFor(Shape.class)).isTrue();
		assertThat(this.context.hasPersistentEntityFor(Circle.class)).isTrue();
		assertThat(this.context.getRequiredPersistentEntity(Square.class)).isSameAs(square);
		assertThat(this.context.getPersistentEntities()).filteredOn((entity) -> entity.getType() == Square.class)
			.containsExactly(square);
		assertThat(this.context.getOwningEntity("Shape#1").getType()).isEqualTo(Shape.class);
	}

	@Test
	void anInterfaceHasTheAccessorsEveryConcreteTypeImplementsWithTheirAnnotations() {
		SingleTablePersistentEntity<?> root = this.context.getRequiredPersistentEntity(Shape.class);

		assertThat(root.getRequiredIdProperty().getName()).isEqualTo("id");
		assertThat(root.getPersistentProperty("owner")).isNotNull();
		assertThat(root.getPersistentProperty("radius")).isNull();
		assertThat(root.getIdentifierAccessor(new Square("s1", 1L, "ann", 2.0)).getIdentifier()).isEqualTo("s1");
		assertThat(root.getIndexDefinition("gsi1").partition().getProperties()).containsExactly("owner");
	}

	@Test
	void theStorageMapperWritesAndReadsTheDiscriminator() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);

		var body = converter.writeBody(new Square("s1", 1L, "ann", 2.0), null, java.time.Instant.EPOCH);

		assertThat(body.get("type").s()).isEqualTo("sq");
		assertThat(converter.read(Shape.class, body)).isEqualTo(new Square("s1", 1L, "ann", 2.0));
		assertThat(converter.isInstance(Square.class, body)).isTrue();
		assertThat(converter.isInstance(Circle.class, body)).isFalse();
	}

	@SingleTableEntity
	sealed interface Note permits TextNote, ListNote {

		String id();

	}

	record TextNote(@Id String id, String text) implements Note {
	}

	record ListNote(@Id String id, java.util.List<String> lines) implements Note {
	}

	@Test
	void anUncompressedHierarchyStoresTheDiscriminatorAsAnAttributeAndReadsEachType() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);

		var text = converter.writeBody(new TextNote("n1", "hello"), java.time.Instant.EPOCH, java.time.Instant.EPOCH);
		var list = converter.writeBody(new ListNote("n2", java.util.List.of("a", "b")), java.time.Instant.EPOCH,
				java.time.Instant.EPOCH);

		assertThat(text.get("type").s()).isEqualTo("TextNote");
		assertThat(text.get("text").s()).isEqualTo("hello");
		assertThat(text).doesNotContainKey("data");
		assertThat(converter.read(Note.class, text)).isEqualTo(new TextNote("n1", "hello"));
		assertThat(converter.read(Note.class, list)).isEqualTo(new ListNote("n2", java.util.List.of("a", "b")));
		assertThat(converter.isInstance(ListNote.class, text)).isFalse();
	}

	@SingleTableEntity(versioned = true)
	sealed interface Twins permits TwinA, Twin {
	}

	@TypeAlias("Twin")
	record TwinA(@Id String id, @Version Long version) implements Twins {
	}

	record Twin(@Id String id, @Version Long version) implements Twins {
	}

	@Test
	void twoConcreteTypesStoredUnderOneNameAreRefused() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> new MappingSingleTableConverter(this.context).getRequiredEntity(Twins.class))
			.withMessageContaining("would both be stored as 'Twin'")
			.withMessageContaining("@TypeAlias");
	}

	@SingleTableEntity
	sealed interface Anonymous permits Plain {

		String name();

	}

	record Plain(@Id String id, String name) implements Anonymous {
	}

	@Test
	void anInterfaceWithoutTheIdAccessorIsRefused() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> new MappingSingleTableConverter(this.context).getRequiredEntity(Anonymous.class))
			.withMessageContaining("declare the accessor of its subtypes' @Id, such as String id(), on it");
	}

	@SingleTableEntity
	sealed interface Kinds permits Kind {

		String id();

	}

	record Kind(@Id String id, String type) implements Kinds {
	}

	@Test
	void aPropertyStoredAsTheDiscriminatorIsRefused() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);

		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(Kind.class))
			.withMessageContaining("stores a property as 'type', the discriminator")
			.withMessageContaining("@SingleTableEntity(discriminator = \"...\")");
	}

	@SingleTableEntity
	sealed interface Mixed permits Fine, Clash {

		String id();

	}

	record Fine(@Id String id, String text) implements Mixed {
	}

	record Clash(@Id String id, String type) implements Mixed {
	}

	@Test
	void aSiblingOfAConcreteTypeStoringAPropertyAsTheDiscriminatorIsRefusedAsTheRootIs() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);

		// the hierarchy is checked whole when any of its types is first used, and again until it is valid
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(InvalidEntityDefinitionException.class)
				.isThrownBy(() -> converter.writeBody(new Fine("f1", "hello"), null, java.time.Instant.EPOCH))
				.satisfies((ex) -> assertThat(ex.getEntityType()).isEqualTo(Clash.class))
				.withMessageContaining("stores a property as 'type', the discriminator");
		}
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> converter.getRequiredEntity(Mixed.class))
			.satisfies((ex) -> assertThat(ex.getEntityType()).isEqualTo(Clash.class))
			.withMessageContaining("stores a property as 'type', the discriminator");
	}

	/** An interface whose accessors are getters, as Kotlin's val id: String and val version: Long? compile. */
	@SingleTableEntity(versioned = true)
	@IndexKey(index = "gsi1", partition = "owner#{owner}")
	sealed interface Document permits Letter, Memo {

		String getId();

		Long getVersion();

		String getOwner();

	}

	record Letter(@Id String id, @Version Long version, String owner, String body) implements Document {

		@Override
		public String getId() {
			return this.id;
		}

		@Override
		public Long getVersion() {
			return this.version;
		}

		@Override
		public String getOwner() {
			return this.owner;
		}

	}

	record Memo(@Id String id, @Version Long version, String owner) implements Document {

		@Override
		public String getId() {
			return this.id;
		}

		@Override
		public Long getVersion() {
			return this.version;
		}

		@Override
		public String getOwner() {
			return this.owner;
		}

	}

	@Test
	void anInterfaceWhoseAccessorsAreGettersHasTheAnnotationsOfItsConcreteTypesFields() {
		SingleTablePersistentEntity<?> root = this.context.getRequiredPersistentEntity(Document.class);

		assertThat(root.getRequiredIdProperty().getName()).isEqualTo("id");
		assertThat(root.getRequiredVersionProperty().getName()).isEqualTo("version");
		assertThat(root.getPersistentProperty("getId")).isNull();
		assertThat(root.getIdentifierAccessor(new Memo("m1", 3L, "ann")).getIdentifier()).isEqualTo("m1");
		assertThat(root.getPropertyAccessor(new Memo("m1", 3L, "ann")).getProperty(root.getRequiredVersionProperty()))
			.isEqualTo(3L);
		assertThat(root.getIndexDefinition("gsi1").partition().getProperties()).containsExactly("owner");

		MappingSingleTableConverter converter = new MappingSingleTableConverter(this.context);
		var body = converter.writeBody(new Letter("l1", 1L, "ann", "dear"), null, java.time.Instant.EPOCH);
		assertThat(converter.read(Document.class, body)).isEqualTo(new Letter("l1", 1L, "ann", "dear"));
		assertThat(converter.getStoredName(root.getRequiredIdProperty())).isEqualTo("resource_id");
	}

	@SingleTableEntity
	abstract static class Vehicle {

		@Id
		String id;

	}

	static class Bike extends Vehicle {

	}

	@Test
	void anAnnotatedBaseClassThatIsNotSealedKeepsEachSubclassAnEntityOfItsOwn() {
		SingleTablePersistentEntity<?> bike = this.context.getRequiredPersistentEntity(Bike.class);

		assertThat(bike.getPrefix()).isEqualTo("Bike");
		assertThat(bike.getDiscriminator()).isNull();
	}

	@SingleTableEntity(subtypes = { Truck.class, Van.class }, discriminator = "kind")
	abstract static class Fleet {

		@Id
		String id;

	}

	static class Truck extends Fleet {

	}

	static class Van extends Fleet {

	}

	@Test
	void anAbstractClassListingItsSubtypesIsAHierarchy() {
		SingleTablePersistentEntity<?> truck = this.context.getRequiredPersistentEntity(Truck.class);

		assertThat(truck.getPrefix()).isEqualTo("Fleet");
		assertThat(truck.getDiscriminator()).isEqualTo("kind");
		assertThat(this.context.getRequiredPersistentEntity(Fleet.class).getSubtypes()).containsOnlyKeys("Truck", "Van");
	}

}
