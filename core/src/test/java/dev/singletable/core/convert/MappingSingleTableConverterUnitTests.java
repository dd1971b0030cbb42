package dev.singletable.core.convert;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.fixtures.Note;
import dev.singletable.core.mapping.InvalidEntityDefinitionException;
import dev.singletable.core.mapping.MappingDefaults;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MappingSingleTableConverterUnitTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	@Test
	void storesSystemPropertiesUnderPythonNamesWhateverTheirJavaNames() throws Exception {
		Instant now = Instant.parse("2025-01-01T12:00:00.5Z");
		Task task = new Task("01H", 2L, now, now, "write", Set.of("x"));

		Map<String, AttributeValue> body = this.converter.writeBody(task, now, now);

		assertThat(body).containsOnlyKeys("resource_id", "version", "created_at", "updated_at", "taskTitle", "labels");
		assertThat(body.get("resource_id").s()).isEqualTo("01H");
		assertThat(body.get("version").n()).isEqualTo("2");
		assertThat(body.get("created_at").s()).isEqualTo("2025-01-01T12:00:00.500000+00:00");
		assertThat(body.get("labels").ss()).containsExactly("x");
		assertThat(this.converter.read(Task.class, body)).isEqualTo(task);
	}

	@Test
	void namingStrategyAppliesToUserPropertiesOnly() {
		MappingSingleTableConverter snake = new MappingSingleTableConverter(new SingleTableMappingContext(),
				StorageJsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
		Instant now = Instant.parse("2025-01-01T12:00:00Z");

		Map<String, AttributeValue> body = snake.writeBody(new Task("1", 1L, now, now, "t", Set.of()), now, now);

		assertThat(body).containsOnlyKeys("resource_id", "version", "created_at", "updated_at", "task_title");
		assertThat(snake.read(Task.class, body).taskTitle()).isEqualTo("t");
	}

	@Test
	void compressedTypesStoreGzipJsonInData() throws Exception {
		Note note = Note.of("zip");
		Instant now = Instant.parse("2025-01-01T12:00:00Z");

		Map<String, AttributeValue> body = this.converter.writeBody(note, now, now);

		assertThat(body).containsOnlyKeys("data");
		byte[] json = new GZIPInputStream(new ByteArrayInputStream(body.get("data").b().asByteArray())).readAllBytes();
		JsonNode tree = this.converter.getJsonMapper().readTree(json);
		assertThat(tree.get("title").asString()).isEqualTo("zip");
		assertThat(tree.has("resource_id")).isTrue();
		assertThat(tree.get("done").isNull()).isTrue();
		assertThat(tree.get("remindAt").asString()).isEqualTo("2025-02-01T10:15:30.123456+00:00");
		assertThat(this.converter.read(Note.class, body)).isEqualTo(note);
	}

	@Test
	void compressesAtTheTypesLevelElseTheGlobalLevelElseTheDefault() throws Exception {
		Instant now = Instant.parse("2025-01-01T12:00:00Z");
		MappingSingleTableConverter global9 = new MappingSingleTableConverter(
				new SingleTableMappingContext(new MappingDefaults(null, null, 9)));
		Leveled ownLevel = new Leveled("1", now, now, text());
		Packed defaultLevel = new Packed("1", now, now, text());

		byte[] own = global9.writeBody(ownLevel, now, now).get("data").b().asByteArray();
		byte[] global = global9.writeBody(defaultLevel, now, now).get("data").b().asByteArray();
		byte[] fallback = this.converter.writeBody(defaultLevel, now, now).get("data").b().asByteArray();

		assertThat(own).isEqualTo(gzip(global9, ownLevel, 3)).isNotEqualTo(gzip(global9, ownLevel, 9));
		assertThat(global).isEqualTo(gzip(global9, defaultLevel, 9))
			.isNotEqualTo(gzip(global9, defaultLevel, MappingDefaults.DEFAULT_COMPRESSION_LEVEL));
		assertThat(fallback).isEqualTo(gzip(this.converter, defaultLevel, MappingDefaults.DEFAULT_COMPRESSION_LEVEL));
		assertThat(global9.read(Leveled.class, Map.of("data", AttributeValue.fromB(SdkBytes.fromByteArray(own)))))
			.isEqualTo(ownLevel);
		assertThat(this.converter.read(Packed.class, Map.of("data", AttributeValue.fromB(SdkBytes.fromByteArray(global)))))
			.isEqualTo(defaultLevel);
	}

	@Test
	void aLevelOutsideOneToNineOrOnAnUncompressedTypeIsRefusedNamingTheType() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(TooHigh.class))
			.withMessageContaining("TooHigh")
			.withMessageContaining("compressionLevel is 10");
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(LevelWithoutCompression.class))
			.withMessageContaining("LevelWithoutCompression")
			.withMessageContaining("compression is DISABLED");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new MappingDefaults(null, null, 0))
			.withMessageContaining("from 1 (fastest) to 9 (smallest), but was 0");
	}

	/** Several KB of varied text, where the deflate levels choose different matches. */
	private static String text() {
		StringBuilder text = new StringBuilder();
		java.util.Random random = new java.util.Random(7);
		String[] words = { "table", "single", "version", "history", "item", "key", "index", "page", "stream", "gzip",
				"level", "write", "read", "capacity", "unit", "python", "java", "spring", "data", "boot" };
		for (int i = 0; i < 2000; i++) {
			text.append(words[random.nextInt(words.length)]).append((random.nextInt(9) == 0) ? ". " : " ");
		}
		return text.toString();
	}

	private static byte[] gzip(MappingSingleTableConverter converter, Object entity, int level) throws Exception {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out) {
			{
				this.def.setLevel(level);
			}
		}) {
			converter.getJsonMapper().writeValue(gzip, entity);
		}
		return out.toByteArray();
	}

	@Test
	void damagedCompressedDataIsATypedErrorNamingTheItem() {
		Note note = Note.of("zip");
		Instant now = Instant.parse("2025-01-01T12:00:00Z");
		byte[] gzip = this.converter.writeBody(note, now, now).get("data").b().asByteArray();
		byte[] truncated = Arrays.copyOf(gzip, gzip.length / 2);

		for (byte[] data : new byte[][] { truncated, "not gzip at all".getBytes(StandardCharsets.UTF_8) }) {
			Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("Note#1"), "sk",
					AttributeValue.fromS("v0"), "data", AttributeValue.fromB(SdkBytes.fromByteArray(data)));
			assertThatExceptionOfType(DataRetrievalFailureException.class)
				.isThrownBy(() -> this.converter.read(Note.class, item))
				.withMessageContaining("pk=Note#1, sk=v0")
				.withMessageContaining(Note.class.getName());
		}
	}

	@Test
	void valuesAreConvertedLikeStoredProperties() {
		assertThat(this.converter.writeValue(5).n()).isEqualTo("5");
		assertThat(this.converter.writeValue(0.1).n()).isEqualTo("0.1");
		assertThat(this.converter.writeValue(Instant.parse("2025-01-01T00:00:00Z")).s())
			.isEqualTo("2025-01-01T00:00:00+00:00");
		assertThat(this.converter.writeValue(Set.of("a")).ss()).containsExactly("a");
		assertThat(this.converter.writeValue(null).nul()).isTrue();
	}

	@Test
	void rejectsTypesWithoutTheAnnotation() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(String.class))
			.withMessageContaining("@SingleTableEntity");
	}

	@Test
	void rejectsPropertiesThatCollideWithKeyAttributes() {
		assertThatExceptionOfType(InvalidEntityDefinitionException.class)
			.isThrownBy(() -> this.converter.getRequiredEntity(Colliding.class))
			.withMessageContaining("'pk'");
	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.ENABLED, compressionLevel = 3)
	record Leveled(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String body) {

	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.ENABLED)
	record Packed(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String body) {

	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.ENABLED, compressionLevel = 10)
	record TooHigh(@Id String id, String body) {

	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.DISABLED, compressionLevel = 5)
	record LevelWithoutCompression(@Id String id, String body) {

	}

	@SingleTableEntity(prefix = "Task")
	record Task(@Id String key, @Version Long revision, @CreatedDate Instant born, @LastModifiedDate Instant touched,
			String taskTitle, Set<String> labels) {
	}

	@Test
	void aDeserializerReadingANestedValueThroughItsParserReadsAnUncompressedItem() {
		Instant now = Instant.parse("2025-01-01T12:00:00Z");
		Badge badge = new Badge("b1", new Label("gold"));

		Map<String, AttributeValue> body = this.converter.writeBody(badge, now, now);

		// the item's attributes are replayed as tokens: the parser must be the mapper's, as Kotlin's value classes need
		assertThat(body.get("label").s()).isEqualTo("gold");
		assertThat(this.converter.read(Badge.class, body)).isEqualTo(badge);
	}

	@SingleTableEntity
	record Badge(@Id String id, Label label) {
	}

	/** Written as its text, read by a deserializer that asks its parser for the nested value. */
	@tools.jackson.databind.annotation.JsonDeserialize(using = LabelDeserializer.class)
	record Label(@com.fasterxml.jackson.annotation.JsonValue String text) {
	}

	static final class LabelDeserializer extends tools.jackson.databind.ValueDeserializer<Label> {

		@Override
		public Label deserialize(tools.jackson.core.JsonParser parser,
				tools.jackson.databind.DeserializationContext context) {
			return new Label(parser.readValueAs(String.class));
		}

	}

	@SingleTableEntity
	record Colliding(@Id String id, String pk) {
	}

}
