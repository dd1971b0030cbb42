package dev.singletable.benchmarks.floor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON a hand-written data access layer would use for the compressed {@code data} attribute: a plain
 * Jackson mapper writing the same names ({@code resource_id}, {@code created_at}, {@code updated_at}) and the
 * same timestamp format as singletable, gzip around it.
 */
public final class FloorJson {

	/** The stored timestamp format: microseconds and a numeric offset. */
	public static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
		.appendPattern("uuuu-MM-dd'T'HH:mm:ss")
		.appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
		.appendOffset("+HH:MM", "+00:00")
		.toFormatter();

	private static final Map<String, String> NAMES = Map.of("id", "resource_id", "createdAt", "created_at",
			"updatedAt", "updated_at");

	private final JsonMapper mapper;

	/**
	 * Creates the mapper.
	 */
	public FloorJson() {
		SimpleModule timestamps = new SimpleModule("floor-timestamps");
		timestamps.addSerializer(Instant.class, new ValueSerializer<>() {

			@Override
			public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
				generator.writeString(format(value));
			}

		});
		timestamps.addDeserializer(Instant.class, new ValueDeserializer<>() {

			@Override
			public Instant deserialize(JsonParser parser, DeserializationContext context) {
				return OffsetDateTime.parse(parser.getString()).toInstant();
			}

		});
		this.mapper = JsonMapper.builder()
			.addModule(timestamps)
			.propertyNamingStrategy(new PropertyNamingStrategies.NamingBase() {

				@Override
				public String translate(String name) {
					return NAMES.getOrDefault(name, name);
				}

			})
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	/**
	 * Formats a timestamp as stored.
	 * @param instant the instant
	 * @return e.g. {@code 2025-01-01T12:00:00.123456+00:00}
	 */
	public static String format(Instant instant) {
		return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
	}

	/**
	 * Writes gzip(JSON) of a value at the level singletable writes by default.
	 * @param value the value
	 * @return the compressed bytes
	 */
	public byte[] compress(Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
		try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {

			{
				this.def.setLevel(java.util.zip.Deflater.BEST_SPEED);
			}

		}) {
			this.mapper.writeValue(gzip, value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * Reads a value from gzip(JSON).
	 * @param bytes the compressed bytes
	 * @param type the type to read
	 * @param <T> the type
	 * @return the value
	 */
	public <T> T decompress(byte[] bytes, Class<T> type) {
		try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes), 8192)) {
			return this.mapper.readValue(in, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
