package dev.singletable.core.convert;

import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.SingletableFirstClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that checking plain entity types, making a converter whose storage mapper is built at first use and making
 * the cursors' codec need none of Jackson's classes, not even to verify singletable's code: run with singletable's classes defined by a
 * class loader that cannot load Jackson, so that any Jackson class they need fails with a
 * {@link NoClassDefFoundError}. An application of such types loads Jackson at its first read or write.
 */
class MappingSingleTableConverterWithoutJacksonTests {

	@Test
	void plainTypesAreCheckedAndADeferredConverterMadeWithoutJackson() throws Exception {
		ClassLoader withoutJackson = new WithoutJackson(getClass().getClassLoader());
		Runnable start = (Runnable) withoutJackson.loadClass(Start.class.getName()).getDeclaredConstructor()
			.newInstance();
		start.run();
	}

	@Test
	void theClassLoaderCannotLoadJackson() {
		assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(
				() -> new WithoutJackson(getClass().getClassLoader()).loadClass("tools.jackson.databind.JsonNode"));
	}

	/** What an application's start does with the converter, run in the class loader without Jackson. */
	public static final class Start implements Runnable {

		@Override
		public void run() {
			SingleTableMappingContext mappingContext = new SingleTableMappingContext();
			mappingContext.setInitialEntitySet(Set.of(Parcel.class));
			mappingContext.initialize();
			assertThat(MappingSingleTableConverter.checkWithoutJsonMapper(mappingContext)).isTrue();
			Supplier<?> never = () -> {
				throw new IllegalStateException("the storage mapper is built at the first read or write");
			};
			@SuppressWarnings("unchecked")
			MappingSingleTableConverter converter = new MappingSingleTableConverter(mappingContext,
					(Supplier<tools.jackson.databind.json.JsonMapper>) never);
			assertThat(converter.getRequiredEntity(Parcel.class).getType()).isEqualTo(Parcel.class);
			// the cursors' codec, which a template makes when it is made, writes its first cursor with Jackson
			assertThat(new CursorCodec(new byte[32]).known("table")).isNotNull();
			// singletable's classes were defined, verified and linked by the class loader without Jackson
			assertThat(Start.class.getClassLoader().getClass().getName()).isEqualTo(WithoutJackson.class.getName());
			assertThat(converter.getClass().getClassLoader()).isSameAs(Start.class.getClassLoader());
		}

	}

	@SingleTableEntity(prefix = "Parcel")
	record Parcel(@Id String id, String label, Set<String> tags) {
	}

	/**
	 * Defines singletable's classes itself (so that their verification and linking happen here), refuses Jackson's,
	 * and leaves every other class to its parent.
	 */
	static final class WithoutJackson extends SingletableFirstClassLoader {

		WithoutJackson(ClassLoader parent) {
			super(parent);
		}

		@Override
		protected void asking(String name) throws ClassNotFoundException {
			if (name.startsWith("tools.jackson.") || name.startsWith("com.fasterxml.jackson.")) {
				throw new ClassNotFoundException(name + " is hidden from this test");
			}
		}

	}

}
