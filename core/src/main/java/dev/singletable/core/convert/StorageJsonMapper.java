package dev.singletable.core.convert;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import dev.singletable.internal.format.StorageTimestamps;

/**
 * Builds the JSON mapper the library owns for stored data, separate from any web JSON mapper so that tuning an
 * application's HTTP JSON never changes what is stored. Dates and times are ISO-8601 strings as Python's
 * {@code isoformat()} writes them (see {@link StorageTimestamps}), nulls are written, unknown properties are ignored on read and properties are
 * written in a stable order.
 * <p>
 * When Jackson's Kotlin module ({@code tools.jackson.module:jackson-module-kotlin}, which
 * {@code dev.singletable:singletable-kotlin} brings) is on the class path, the mapper registers it with its default
 * features, so that a Kotlin class reads its constructor's default values for absent properties; a Kotlin data class
 * stores exactly the JSON of the Java record with the same components.
 */
public final class StorageJsonMapper {

	private StorageJsonMapper() {
	}

	/**
	 * Returns a builder preconfigured with the storage defaults, for further customization (for example a
	 * {@link tools.jackson.databind.PropertyNamingStrategies#SNAKE_CASE naming strategy} matching Python field
	 * names).
	 * @return a new builder
	 */
	public static JsonMapper.Builder builder() {
		SimpleModule timestamps = new SimpleModule("singletable-timestamps");
		timestamps.addSerializer(Instant.class, new StoredForm<Instant>(StorageTimestamps::format));
		timestamps.addSerializer(OffsetDateTime.class, new StoredForm<OffsetDateTime>(StorageTimestamps::format));
		timestamps.addSerializer(LocalDateTime.class, new StoredForm<LocalDateTime>(StorageTimestamps::format));
		timestamps.addSerializer(LocalTime.class, new StoredForm<LocalTime>(StorageTimestamps::format));
		timestamps.addSerializer(ZonedDateTime.class,
				new StoredForm<ZonedDateTime>((dateTime) -> StorageTimestamps.format(dateTime.toOffsetDateTime())));
		timestamps.addSerializer(Date.class, new StoredForm<Date>((date) -> StorageTimestamps.format(date.toInstant())));
		timestamps.addDeserializer(Instant.class, new InstantDeserializer());
		timestamps.addDeserializer(OffsetDateTime.class, new OffsetDateTimeDeserializer());
		timestamps.addDeserializer(ZonedDateTime.class, new ZonedDateTimeDeserializer());
		JsonMapper.Builder builder = JsonMapper.builder();
		KotlinSupport.registerIfPresent(builder);
		return builder.addModule(timestamps)
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
			.disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.enable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.ALWAYS));
	}

	/**
	 * Returns a mapper with the storage defaults.
	 * @return a new mapper
	 */
	public static JsonMapper create() {
		return builder().build();
	}

	/** Writes a date-time value as the string {@link StorageTimestamps} formats. */
	private static final class StoredForm<T> extends ValueSerializer<T> {

		private final Function<T, String> format;

		StoredForm(Function<T, String> format) {
			this.format = format;
		}

		@Override
		public void serialize(T value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(this.format.apply(value));
		}

	}

	private static final class InstantDeserializer extends ValueDeserializer<Instant> {

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			return parse(parser, context).toInstant();
		}

	}

	private static final class OffsetDateTimeDeserializer extends ValueDeserializer<OffsetDateTime> {

		@Override
		public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			return parse(parser, context);
		}

	}

	private static final class ZonedDateTimeDeserializer extends ValueDeserializer<ZonedDateTime> {

		@Override
		public ZonedDateTime deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
			return parse(parser, context).toZonedDateTime();
		}

	}

	private static OffsetDateTime parse(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
			java.math.BigDecimal seconds = parser.getDecimalValue();
			Instant instant = Instant.ofEpochSecond(seconds.longValue(),
					seconds.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValue());
			return instant.atOffset(java.time.ZoneOffset.UTC);
		}
		String text = parser.getString();
		try {
			return StorageTimestamps.parse(text);
		}
		catch (DateTimeParseException ex) {
			return (OffsetDateTime) context.handleWeirdStringValue(OffsetDateTime.class, text,
					"not an ISO-8601 date-time: " + ex.getMessage());
		}
	}

}
