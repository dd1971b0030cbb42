package dev.singletable.core.convert;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.DeserializationFeature;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Untyped values read from attributes as the storage mapper reads them from the JSON of a compressed type,
 * following the mapper's own settings.
 */
class UntypedValuesUnitTests {

	private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

	@Test
	void attributesReadAsTheSameJsonWouldWithTheMappersSettings() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext(),
				StorageJsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());
		Map<String, Object> values = Map.of("i", 3, "f", 1.25, "list", List.of(0.5, 7));

		Plain plain = converter.read(Plain.class, converter.writeBody(new Plain("1", values, 12.5), NOW, NOW));
		Zipped zipped = converter.read(Zipped.class, converter.writeBody(new Zipped("1", values, 12.5), NOW, NOW));

		assertThat(plain.values()).isEqualTo(zipped.values())
			.containsEntry("i", 3)
			.containsEntry("f", new BigDecimal("1.25"))
			.containsEntry("list", List.of(new BigDecimal("0.5"), 7));
		assertThat(plain.any()).isEqualTo(zipped.any()).isEqualTo(new BigDecimal("12.5"));
	}

	@Test
	void declaredTypesTakeEveryDigitAndBinaryStaysBinary() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		Map<String, AttributeValue> item = Map.of("resource_id", AttributeValue.fromS("1"), "amount",
				AttributeValue.fromN("12345678901234567890.123456789012345"), "ratio", AttributeValue.fromN("0.1"),
				"count", AttributeValue.fromN("5"), "bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { 1, 2 })),
				"untypedBytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { 1, 2 })));

		Declared declared = converter.read(Declared.class, item);

		assertThat(declared.amount()).isEqualTo(new BigDecimal("12345678901234567890.123456789012345"));
		assertThat(declared.ratio()).isEqualTo(0.1);
		assertThat(declared.count()).isEqualTo(5L);
		assertThat(declared.bytes()).containsExactly(1, 2);
		assertThat(declared.untypedBytes()).isEqualTo("AQI=");
	}

	@SingleTableEntity
	record Plain(@Id String id, Map<String, Object> values, Object any) {
	}

	@SingleTableEntity(compression = SingleTableEntity.Compression.ENABLED)
	record Zipped(@Id String id, Map<String, Object> values, Object any) {
	}

	@SingleTableEntity
	record Declared(@Id String id, BigDecimal amount, double ratio, long count, byte[] bytes, Object untypedBytes) {
	}

}
