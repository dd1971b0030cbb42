package dev.singletable.events.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.hierarchy.PaymentMethod;
import dev.singletable.core.hierarchy.PaymentMethod.Card;
import dev.singletable.core.hierarchy.PaymentMethod.Voucher;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.events.ResourceChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a stream record of a hierarchy's latest item becomes a change, without a server: it is a change of the root,
 * its old and new states each read as the concrete type it was stored as, a change of type included.
 */
class ChangeDecoderUnitTests {

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final ChangeDecoder decoder = new ChangeDecoder(this.converter);

	private Map<String, AttributeValue> latest(Object entity, long version) {
		return latest(entity, version, Instant.EPOCH);
	}

	private Map<String, AttributeValue> latest(Object entity, long version, Instant updatedAt) {
		Map<String, AttributeValue> item = new LinkedHashMap<>(
				this.converter.writeBody(entity, Instant.EPOCH, updatedAt));
		item.put("pk", AttributeValue.fromS("PaymentMethod#p1"));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("version", AttributeValue.fromN(Long.toString(version)));
		return item;
	}

	@Test
	void aChangeOfTypeIsAChangeOfTheRootWithEachStateAsItsOwnType() {
		this.decoder.listenTo(PaymentMethod.class);
		Card before = new Card("p1", 1L, "c1", "4242");
		Voucher after = new Voucher("p1", 2L, "c1", 500);
		Record record = Record.builder()
			.eventName(OperationType.MODIFY)
			.dynamodb(StreamRecord.builder()
				.keys(Map.of("pk", AttributeValue.fromS("PaymentMethod#p1"), "sk", AttributeValue.fromS("v0")))
				.oldImage(latest(before, 1))
				.newImage(latest(after, 2))
				.sequenceNumber("1")
				.build())
			.build();

		ResourceChange<?> change = this.decoder.decode(record);

		assertThat(change).isNotNull();
		assertThat(change.resourceType()).isEqualTo(PaymentMethod.class);
		assertThat(change.type()).isEqualTo(ResourceChange.Type.UPDATED);
		assertThat(change.id()).isEqualTo("p1");
		assertThat(change.version()).isEqualTo(2);
		assertThat(change.oldState()).isEqualTo(before);
		assertThat(change.newState()).isEqualTo(after);
	}

	@Test
	void aWriteChangedAtTheModificationTimeItStoredNotTheStreamsRoundedTime() {
		this.decoder.listenTo(PaymentMethod.class);
		Instant written = Instant.parse("2026-11-26T22:56:44.123Z");
		Record record = Record.builder()
			.eventName(OperationType.MODIFY)
			.dynamodb(StreamRecord.builder()
				.keys(Map.of("pk", AttributeValue.fromS("PaymentMethod#p1"), "sk", AttributeValue.fromS("v0")))
				.oldImage(latest(new Card("p1", 1L, "c1", "4242"), 1, written.minusSeconds(60)))
				.newImage(latest(new Card("p1", 2L, "c1", "4343"), 2, written))
				// DynamoDB Local rounds the record's time down to the minute
				.approximateCreationDateTime(Instant.parse("2026-11-26T22:56:00Z"))
				.sequenceNumber("2")
				.build())
			.build();

		assertThat(this.decoder.decode(record).changedAt()).isEqualTo(written);
	}

	@Test
	void aDeletionChangedAtTheStreamsTimeForItStoresNone() {
		this.decoder.listenTo(PaymentMethod.class);
		Instant recorded = Instant.parse("2026-11-26T22:57:00Z");
		Record record = Record.builder()
			.eventName(OperationType.REMOVE)
			.dynamodb(StreamRecord.builder()
				.keys(Map.of("pk", AttributeValue.fromS("PaymentMethod#p1"), "sk", AttributeValue.fromS("v0")))
				.oldImage(latest(new Card("p1", 2L, "c1", "4343"), 2, recorded.minusSeconds(3600)))
				.approximateCreationDateTime(recorded)
				.sequenceNumber("3")
				.build())
			.build();

		ResourceChange<?> change = this.decoder.decode(record);

		assertThat(change.type()).isEqualTo(ResourceChange.Type.DELETED);
		assertThat(change.changedAt()).isEqualTo(recorded);
	}

}
