package dev.singletable.core.convert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.module.kotlin.KotlinFeature;
import tools.jackson.module.kotlin.KotlinModule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage mapper and Jackson's Kotlin module, which is on this module's test class path (an optional dependency
 * of core): every storage mapper gets it once, with its default features, and a Java type stores what it stored
 * without it. The Kotlin tests of {@code singletable-kotlin} store Kotlin classes with it, and refuse them without it.
 */
class KotlinSupportUnitTests {

	@Test
	void theStorageMapperRegistersTheKotlinModuleWithItsDefaultFeatures() {
		List<JacksonModule> kotlin = kotlinModules(StorageJsonMapper.create());

		assertThat(kotlin).hasSize(1);
		KotlinModule module = (KotlinModule) kotlin.get(0);
		// none that changes the names or forms written, or reads a stored null as anything but null
		assertThat(module.getKotlinPropertyNameAsImplicitName()).isFalse();
		assertThat(module.getUseJavaDurationConversion()).isFalse();
		assertThat(module.getNullToEmptyCollection()).isFalse();
		assertThat(module.getNullToEmptyMap()).isFalse();
		assertThat(module.getNullIsSameAsDefault()).isFalse();
		// the defaults of Jackson 3's module: Kotlin objects read as themselves, a null in a List<String> refused
		assertThat(module.getSingletonSupport()).isTrue();
		assertThat(module.getStrictNullChecks()).isTrue();
	}

	@Test
	void aConverterOnAMapperBuiltElsewhereRegistersTheModuleToo() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext(),
				JsonMapper.builder().build());

		assertThat(kotlinModules(converter.getJsonMapper())).hasSize(1);
		assertThat(kotlinModules(new MappingSingleTableConverter(new SingleTableMappingContext()).getJsonMapper()))
			.hasSize(1);
	}

	@Test
	void aKotlinModuleTheApplicationRegisteredIsKept() {
		KotlinModule own = new KotlinModule.Builder().enable(KotlinFeature.NullIsSameAsDefault).build();

		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext(),
				StorageJsonMapper.builder().addModule(own).build());

		assertThat(kotlinModules(converter.getJsonMapper())).singleElement().isSameAs(own);
	}

	@Test
	void theConverterAddsNoSecondIntrospectorOfTheModule() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

		assertThat(converter.getJsonMapper().serializationConfig().getAnnotationIntrospector().allIntrospectors())
			.filteredOn((introspector) -> introspector.getClass().getName().startsWith("tools.jackson.module.kotlin."))
			.hasSize(2);
	}

	@Test
	void aJavaRecordStoresTheSameAttributesWithTheModule() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		Instant now = Instant.parse("2025-01-01T12:00:00Z");

		Map<String, AttributeValue> body = converter.writeBody(new Plain("p1", "ann", true), now, now);

		assertThat(body.keySet()).containsExactly("resource_id", "owner", "isUrgent", "created_at", "updated_at");
		assertThat(converter.read(Plain.class, body)).isEqualTo(new Plain("p1", "ann", true));
	}

	@Test
	void aKotlinClassIsOneTheKotlinCompilerAnnotated() {
		assertThat(KotlinSupport.isKotlinClass(Compiled.class)).isTrue();
		assertThat(KotlinSupport.isKotlinClass(Plain.class)).isFalse();
		assertThat(KotlinSupport.isPresent(getClass().getClassLoader())).isTrue();
	}

	@Test
	void theRefusalNamesTheModuleAndTheArtifactThatBringsIt() {
		assertThat(KotlinSupport.missingModule()).contains("tools.jackson.module:jackson-module-kotlin")
			.contains("dev.singletable:singletable-kotlin");
	}

	private static List<JacksonModule> kotlinModules(JsonMapper mapper) {
		return mapper.registeredModules()
			.stream()
			.filter((module) -> module.getClass().getName().equals(KotlinSupport.MODULE_CLASS))
			.toList();
	}

	@SingleTableEntity
	record Plain(@Id String id, String owner, boolean isUrgent) {
	}

	/** What the Kotlin compiler writes on every class. */
	@kotlin.Metadata
	static final class Compiled {

	}

}
