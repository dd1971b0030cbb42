package dev.singletable.core.mapping;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.annotation.ElementType;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;

import dev.singletable.test.SingletableFirstClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * singletable's annotations of an entity type ({@code @IndexKey}, {@code @Audited}): the same, in the same order,
 * as Spring's merged lookups find them, and read without them where no annotation of the type can carry one.
 */
class TypeAnnotationsTests {

	@Test
	void theDeclarationsAreSpringsMergedOnesInTheirOrder() {
		for (Class<?> type : List.of(Repeated.class, Single.class, None.class, Derived.class, Sub.class,
				Diamond.class, DeclaredTwice.class, Composed.class, WithForeignAnnotation.class, Cat.class,
				Animal.class)) {
			assertThat(List.copyOf(TypeAnnotations.indexKeys(type))).as(type.getSimpleName())
				.containsExactlyElementsOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(type, IndexKey.class));
		}
		assertThat(TypeAnnotations.indexKeys(Derived.class)).extracting(IndexKey::index)
			.containsExactly("gsi3", "gsi1", "gsi2", "gsi4");
		assertThat(TypeAnnotations.indexKeys(DeclaredTwice.class)).extracting(IndexKey::index).containsExactly("gsi3", "gsi1");
		assertThat(TypeAnnotations.indexKeys(Composed.class)).extracting(IndexKey::index).containsExactly("gsi2");
	}

	@Test
	void theAuditedDeclarationIsSpringsMergedOne() {
		for (Class<?> type : List.of(Repeated.class, AuditedRecord.class, InheritsAudited.class, AuditedCat.class,
				ComposedAudited.class, AuditedTwice.class, WithForeignAnnotation.class)) {
			assertThat(TypeAnnotations.audited(type)).as(type.getSimpleName())
				.isEqualTo(AnnotatedElementUtils.findMergedAnnotation(type, Audited.class));
		}
		assertThat(TypeAnnotations.audited(Repeated.class)).isNull();
		assertThat(TypeAnnotations.audited(InheritsAudited.class).exclude()).containsExactly("secret");
		assertThat(TypeAnnotations.audited(AuditedCat.class)).isNotNull();
		assertThat(TypeAnnotations.audited(ComposedAudited.class).exclude()).containsExactly("composed");
		assertThat(TypeAnnotations.audited(AuditedTwice.class).exclude()).containsExactly("own");
		SingleTableMappingContext mappingContext = new SingleTableMappingContext();
		assertThat(mappingContext.getRequiredPersistentEntity(AuditedRecord.class).findAnnotation(Audited.class))
			.isEqualTo(AnnotatedElementUtils.findMergedAnnotation(AuditedRecord.class, Audited.class));
	}

	@Test
	void mappingAnEntityReadsItsIndexKeysWithoutMappingItsMetaAnnotations() throws Exception {
		Recording recording = new Recording(getClass().getClassLoader());
		Runnable map = (Runnable) recording.loadClass(MapRepeated.class.getName()).getDeclaredConstructor().newInstance();

		map.run();

		// the recording sees Spring's classes: the mapping context's, and the annotation lookups Spring Data makes
		assertThat(recording.asked).contains(TypeAnnotations.class.getName(),
				"org.springframework.data.mapping.context.AbstractMappingContext",
				"org.springframework.core.annotation.MergedAnnotations");
		// Spring's merged lookup of a repeatable annotation maps @SingleTableEntity's meta-annotations (@Persistent,
		// then its @Reflective) and collects the aggregates of the type hierarchy
		assertThat(recording.asked).doesNotContainAnyElementsOf(List.of(
				"org.springframework.aot.hint.annotation.Reflective",
				"org.springframework.core.annotation.MergedAnnotationCollectors",
				"org.springframework.core.annotation.TypeMappedAnnotations$AggregatesCollector"));
	}

	/** Maps {@link Repeated} as an application's start does, run in the recording class loader. */
	public static final class MapRepeated implements Runnable {

		@Override
		public void run() {
			SingleTableMappingContext mappingContext = new SingleTableMappingContext();
			mappingContext.setInitialEntitySet(Set.of(Repeated.class));
			mappingContext.initialize();
			SingleTablePersistentEntity<?> entity = mappingContext.getRequiredPersistentEntity(Repeated.class);
			assertThat(entity.getIndexDefinitions()).extracting(IndexDefinition::index).containsExactly("gsi1", "gsi2");
			assertThat(entity.findAnnotation(Audited.class)).isNull();
			assertThat(entity.getClass().getClassLoader()).isSameAs(MapRepeated.class.getClassLoader());
		}

	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "name#{name}")
	@IndexKey(index = "gsi2", partition = "kind#{kind}")
	record Repeated(@Id String id, String name, String kind) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "name#{name}")
	record Single(@Id String id, String name) {
	}

	@SingleTableEntity
	record None(@Id String id) {
	}

	@IndexKey(index = "gsi2", partition = "b#{b}")
	interface Indexed {
	}

	@IndexKey(index = "gsi3", partition = "c#{c}")
	interface Other {
	}

	@IndexKey(index = "gsi1", partition = "a#{a}")
	abstract static class Base implements Other {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi4", partition = "d#{d}")
	static class Derived extends Base implements Indexed {
	}

	static class Sub extends Derived {
	}

	interface Left extends Indexed {
	}

	interface Right extends Indexed {
	}

	@SingleTableEntity
	static class Diamond implements Left, Right {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "a#{a}")
	static class DeclaredTwice extends Base {
	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@IndexKey(index = "gsi2", partition = "b#{b}")
	@interface ByB {
	}

	@SingleTableEntity
	@ByB
	static class Composed {
	}

	@SingleTableEntity
	@TypeAlias("foreign")
	@IndexKey(index = "gsi1", partition = "a#{a}")
	static class WithForeignAnnotation {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "name#{name}")
	sealed interface Animal permits Cat {
	}

	@IndexKey(index = "gsi2", partition = "lives#{lives}")
	record Cat(String name, int lives) implements Animal {
	}

	@SingleTableEntity
	@Audited
	record AuditedRecord(@Id String id, String name) {
	}

	@Audited(exclude = "secret")
	abstract static class AuditedBase {
	}

	@SingleTableEntity
	static class InheritsAudited extends AuditedBase {
	}

	@SingleTableEntity
	@Audited
	sealed interface AuditedAnimal permits AuditedCat {
	}

	record AuditedCat(String name) implements AuditedAnimal {
	}

	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@Audited(exclude = "composed")
	@interface AuditedComposed {
	}

	@SingleTableEntity
	@AuditedComposed
	static class ComposedAudited {
	}

	@SingleTableEntity
	@Audited(exclude = "own")
	static class AuditedTwice extends AuditedBase {
	}

	/** Defines singletable's and Spring's classes itself and records every class they ask for. */
	static final class Recording extends SingletableFirstClassLoader {

		final Set<String> asked = ConcurrentHashMap.newKeySet();

		Recording(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected boolean definesItself(String name) {
			return super.definesItself(name) || name.startsWith("org.springframework.");
		}

		@Override
		protected void asking(String name) {
			this.asked.add(name);
		}

	}

}
