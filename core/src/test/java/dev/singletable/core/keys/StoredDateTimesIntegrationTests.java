package dev.singletable.core.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Date-times are stored exactly as Python's {@code isoformat()} writes them, and the type index still lists in
 * time order when some timestamps have no fraction.
 */
class StoredDateTimesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setClock(this.clock);
	}

	@Test
	void plainAttributesAreWrittenAsPythonIsoformat() {
		Moment moment = this.template.create(new Moment(null, null, null, Instant.parse("2025-01-01T12:00:05.600Z"),
				OffsetDateTime.parse("2025-01-01T12:00:05+02:00"), LocalDateTime.parse("2025-01-01T12:00:05.600"),
				LocalTime.parse("12:00:05.000001")));

		Map<String, AttributeValue> item = item("Moment#" + moment.id(), "Moment#" + moment.id());
		assertThat(item.get("instant").s()).isEqualTo("2025-01-01T12:00:05.600000+00:00");
		assertThat(item.get("offsetDateTime").s()).isEqualTo("2025-01-01T12:00:05+02:00");
		assertThat(item.get("localDateTime").s()).isEqualTo("2025-01-01T12:00:05.600000");
		assertThat(item.get("localTime").s()).isEqualTo("12:00:05.000001");
		assertThat(item.get("created_at").s()).isEqualTo("2025-03-01T10:00:00+00:00");
		assertThat(item.get("updated_at").s()).isEqualTo("2025-03-01T10:00:00+00:00");
		assertThat(item.get("gsitypesk").s()).isEqualTo("2025-03-01T10:00:00+00:00");
		assertThat(this.template.getById(Moment.class, moment.id())).isEqualTo(moment);
	}

	@Test
	void compressedDocumentsAreWrittenAsPythonIsoformat() {
		CompressedMoment moment = this.template.create(new CompressedMoment(null, null, null, null,
				Instant.parse("2025-01-01T12:00:00Z"), LocalDateTime.parse("2025-01-01T12:00:05.600")));

		JsonNode data = gunzip(item("CompressedMoment#" + moment.id(), "v1").get("data"));
		assertThat(data.get("instant").stringValue()).isEqualTo("2025-01-01T12:00:00+00:00");
		assertThat(data.get("localDateTime").stringValue()).isEqualTo("2025-01-01T12:00:05.600000");
		assertThat(data.get("created_at").stringValue()).isEqualTo("2025-03-01T10:00:00+00:00");
		assertThat(this.template.getById(CompressedMoment.class, moment.id())).isEqualTo(moment);
	}

	@Test
	void zonedDateTimesAndDatesAreWrittenAsPythonIsoformatToo() {
		ZonedDateTime paris = ZonedDateTime.parse("2025-01-01T12:00:05.6+01:00[Europe/Paris]");
		ZonedDateTime utc = ZonedDateTime.parse("2025-01-01T12:00:05Z");
		Date date = Date.from(Instant.parse("2025-01-01T12:00:05.250Z"));
		Zoned zoned = this.template.create(new Zoned(null, paris, utc, date));

		Map<String, AttributeValue> item = item("Zoned#" + zoned.id(), "Zoned#" + zoned.id());
		assertThat(item.get("paris").s()).isEqualTo("2025-01-01T12:00:05.600000+01:00");
		assertThat(item.get("utc").s()).isEqualTo("2025-01-01T12:00:05+00:00");
		assertThat(item.get("date").s()).isEqualTo("2025-01-01T12:00:05.250000+00:00");
		Zoned read = this.template.getById(Zoned.class, zoned.id());
		assertThat(read.paris()).isEqualTo(paris.withZoneSameInstant(ZoneOffset.ofHours(1)));
		assertThat(read.utc()).isEqualTo(utc);
		assertThat(read.date()).isEqualTo(date);
	}

	@Test
	void theTypeIndexListsInTimeOrderWithAndWithoutFractions() {
		this.clock.set(Instant.parse("2025-03-01T09:59:59.999999Z"));
		Moment first = this.template.create(empty());
		this.clock.set(Instant.parse("2025-03-01T10:00:05Z"));
		Moment wholeSecond = this.template.create(empty());
		this.clock.set(Instant.parse("2025-03-01T10:00:05.000001Z"));
		Moment second = this.template.create(empty());
		this.clock.set(Instant.parse("2025-03-01T10:00:06Z"));
		Moment last = this.template.create(empty());

		assertThat(item("Moment#" + wholeSecond.id(), "Moment#" + wholeSecond.id()).get("gsitypesk").s())
			.isEqualTo("2025-03-01T10:00:05+00:00");
		assertThat(this.template.query(Moment.class).ascending().all()).extracting(Moment::id)
			.containsExactly(first.id(), wholeSecond.id(), second.id(), last.id());
		assertThat(this.template.query(Moment.class).descending().all()).extracting(Moment::id)
			.containsExactly(last.id(), second.id(), wholeSecond.id(), first.id());
	}

	@SingleTableEntity
	record Zoned(@Id String id, ZonedDateTime paris, ZonedDateTime utc, Date date) {
	}

	private static Moment empty() {
		return new Moment(null, null, null, null, null, null, null);
	}

	private static Map<String, AttributeValue> item(String pk, String sk) {
		return dynamo.storedItem(pk, sk);
	}

	private static JsonNode gunzip(AttributeValue data) {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data.b().asByteArray()))) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
