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
 * The {@code @IndexKey} declarations of a type: the same, in the same order, as Spring's merged lookup finds them,
 * and read without it where no annotation of the type can carry one.
 */
class IndexKeyDeclarationsTests {

	@Test
	void theDeclarationsAreSpringsMergedOnesInTheirOrder() {
		for (Class<?> type : List.of(Repeated.class, Single.class, None.class, Derived.class, Sub.class,
				Diamond.class, DeclaredTwice.class, Composed.class, WithForeignAnnotation.class, Cat.class,
				Animal.class)) {
			assertThat(List.copyOf(IndexKeyDeclarations.of(type))).as(type.getSimpleName())
				.containsExactlyElementsOf(AnnotatedElementUtils.findMergedRepeatableAnnotations(type, IndexKey.class));
		}
		assertThat(IndexKeyDeclarations.of(Derived.class)).extracting(IndexKey::index)
			.containsExactly("gsi3", "gsi1", "gsi2", "gsi4");
		assertThat(IndexKeyDeclarations.of(DeclaredTwice.class)).extracting(IndexKey::index).containsExactly("gsi3", "gsi1");
		assertThat(IndexKeyDeclarations.of(Composed.class)).extracting(IndexKey::index).containsExactly("gsi2");
	}

	@Test
	void mappingAnEntityReadsItsIndexKeysWithoutMappingItsMetaAnnotations() throws Exception {
		Recording recording = new Recording(getClass().getClassLoader());
		Runnable map = (Runnable) recording.loadClass(MapRepeated.class.getName()).getDeclaredConstructor().newInstance();

		map.run();

		// the recording sees Spring's classes: the mapping context's, and the annotation lookups Spring Data makes
		assertThat(recording.asked).contains(IndexKeyDeclarations.class.getName(),
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
