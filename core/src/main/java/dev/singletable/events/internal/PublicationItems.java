package dev.singletable.events.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.TargetEventPublication;

import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of an event publication item, and the one place that reads and writes it: a plain item with
 * {@code pk = sk = _INTERNAL#EventPublication#<uuid>}, its fields as top-level attributes ({@code publication_id},
 * {@code event_type}, {@code listener_id}, {@code serialized_event}, {@code publication_date}, {@code status},
 * {@code completion_attempts}, and once set {@code completion_date} and {@code last_resubmission_date}), and, on the
 * type index, {@code gsitype = _INTERNAL#EventPublication#<status>} (the partition of its status, which every
 * transition moves it to: a query of the incomplete ones never reads a completed one), followed by {@code #<shard>}
 * when the statuses are spread ({@link PublicationPartitions}), sorted by {@code gsitypesk = publication_date}. A
 * completed publication kept in the archive completion mode sits in the partition
 * {@code _INTERNAL#EventPublication#ARCHIVED} (and its shard's). No type is named {@code _INTERNAL…}, so type listings (Java's
 * and Python's) never see these items. Dates are UTC with nine fraction digits, so that they sort as text.
 */
public final class PublicationItems {

	/** The prefix of the items' keys and of their partitions on the type index. */
	public static final String PREFIX = "_INTERNAL#EventPublication";

	/** The partition of publications completed in the archive completion mode. */
	static final String ARCHIVED = "ARCHIVED";

	/** The statuses of a publication not completed yet, whose partitions the incomplete queries read. */
	static final List<Status> INCOMPLETE = List.of(Status.PUBLISHED, Status.PROCESSING, Status.FAILED,
			Status.RESUBMITTED);

	static final String ID = "publication_id";

	static final String EVENT_TYPE = "event_type";

	static final String LISTENER_ID = "listener_id";

	static final String SERIALIZED_EVENT = "serialized_event";

	static final String PUBLICATION_DATE = "publication_date";

	static final String STATUS = "status";

	static final String COMPLETION_ATTEMPTS = "completion_attempts";

	static final String COMPLETION_DATE = "completion_date";

	static final String LAST_RESUBMISSION_DATE = "last_resubmission_date";

	private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private PublicationItems() {
	}

	/**
	 * Returns the key of a publication's item.
	 */
	public static Map<String, AttributeValue> key(UUID id) {
		AttributeValue key = AttributeValue.fromS(PREFIX + "#" + id);
		return Map.of(ItemAttributes.PK, key, ItemAttributes.SK, key);
	}

	/**
	 * Returns the item of a new publication.
	 * @param serializedEvent the event as the serializer wrote it
	 * @param partitions the partitions of the statuses
	 */
	public static Map<String, AttributeValue> item(TargetEventPublication publication, String serializedEvent,
			PublicationPartitions partitions) {
		Map<String, AttributeValue> item = new HashMap<>(key(publication.getIdentifier()));
		String date = format(publication.getPublicationDate());
		item.put(ItemAttributes.GSI_TYPE, partitions.partition(publication.getStatus(), publication.getIdentifier()));
		item.put(ItemAttributes.GSI_TYPE_SK, AttributeValue.fromS(date));
		item.put(ID, AttributeValue.fromS(publication.getIdentifier().toString()));
		item.put(EVENT_TYPE, AttributeValue.fromS(publication.getEvent().getClass().getName()));
		item.put(LISTENER_ID, AttributeValue.fromS(publication.getTargetIdentifier().getValue()));
		item.put(SERIALIZED_EVENT, AttributeValue.fromS(serializedEvent));
		item.put(PUBLICATION_DATE, AttributeValue.fromS(date));
		item.put(STATUS, AttributeValue.fromS(publication.getStatus().name()));
		item.put(COMPLETION_ATTEMPTS, AttributeValue.fromN("1"));
		return item;
	}

	/** Formats a date as stored: UTC, nine fraction digits, so that dates sort as text. */
	static String format(Instant instant) {
		return DATES.format(instant);
	}

	/** Reads a date as stored. */
	static Instant parse(String text) {
		return Instant.from(DATES.parse(text));
	}

	/**
	 * Reads what an item records of its publication, the event still serialized.
	 */
	public static Stored read(Map<String, AttributeValue> item) {
		return new Stored(UUID.fromString(item.get(ID).s()), item.get(EVENT_TYPE).s(), item.get(LISTENER_ID).s(),
				item.get(SERIALIZED_EVENT).s(), parse(item.get(PUBLICATION_DATE).s()),
				Status.valueOf(item.get(STATUS).s()), date(item, COMPLETION_DATE),
				date(item, LAST_RESUBMISSION_DATE), Integer.parseInt(item.get(COMPLETION_ATTEMPTS).n()));
	}

	private static @Nullable Instant date(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value == null || value.s() == null) ? null : parse(value.s());
	}

	/**
	 * What an item records of its publication.
	 * @param id the publication's identifier
	 * @param eventType the event's class name
	 * @param listenerId the listener's identifier
	 * @param serializedEvent the event as the serializer wrote it
	 * @param publicationDate when the event was published
	 * @param status the publication's status
	 * @param completionDate when it was completed, {@literal null} while it is not
	 * @param lastResubmissionDate when it was last resubmitted, {@literal null} if never
	 * @param completionAttempts how many times it was handed to its listener
	 */
	public record Stored(UUID id, String eventType, String listenerId, String serializedEvent, Instant publicationDate,
			Status status, @Nullable Instant completionDate, @Nullable Instant lastResubmissionDate,
			int completionAttempts) {

		/** The state its item was read in, which a transition from it compares and sets. */
		public State state() {
			return new State(this.status, this.completionAttempts);
		}

	}

	/**
	 * The state of a publication that a transition compares and sets: its status and how many times it was handed to
	 * its listener. A claim for resubmission counts an attempt and every other transition changes the status, so of
	 * two instances that read one state only the first to move the publication from it does.
	 * @param status the status
	 * @param attempts the completion attempts
	 */
	public record State(Status status, int attempts) {

		/** The state of a publication as it is stored: published, handed to its listener once. */
		public static final State PUBLISHED = new State(Status.PUBLISHED, 1);

		/** Whether it is completed or claimed for resubmission already, so that it cannot be claimed again. */
		public boolean claimed() {
			return this.status == Status.COMPLETED || this.status == Status.RESUBMITTED;
		}

		@Override
		public String toString() {
			return this.status + " after " + this.attempts + ((this.attempts == 1) ? " attempt" : " attempts");
		}

	}

}
