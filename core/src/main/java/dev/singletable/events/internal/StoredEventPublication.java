package dev.singletable.events.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import dev.singletable.events.internal.PublicationItems.Stored;

/**
 * A publication read from its item: the event is deserialized when first asked for, once.
 */
public final class StoredEventPublication implements TargetEventPublication {

	private final Stored stored;

	private final Supplier<Object> deserializer;

	private @Nullable Object event;

	private @Nullable Instant completionDate;

	private Status status;

	/**
	 * Creates the publication an item records.
	 * @param stored what the item records
	 * @param deserializer reads the event from its serialized form
	 */
	public StoredEventPublication(Stored stored, Supplier<Object> deserializer) {
		this.stored = stored;
		this.deserializer = deserializer;
		this.completionDate = stored.completionDate();
		this.status = stored.status();
	}

	@Override
	public UUID getIdentifier() {
		return this.stored.id();
	}

	@Override
	public Object getEvent() {
		Object read = this.event;
		if (read == null) {
			read = this.deserializer.get();
			this.event = read;
		}
		return read;
	}

	@Override
	public PublicationTargetIdentifier getTargetIdentifier() {
		return PublicationTargetIdentifier.of(this.stored.listenerId());
	}

	@Override
	public Instant getPublicationDate() {
		return this.stored.publicationDate();
	}

	@Override
	public Optional<Instant> getCompletionDate() {
		return Optional.ofNullable(this.completionDate);
	}

	@Override
	public Status getStatus() {
		return this.status;
	}

	@Override
	public @Nullable Instant getLastResubmissionDate() {
		return this.stored.lastResubmissionDate();
	}

	@Override
	public int getCompletionAttempts() {
		return this.stored.completionAttempts();
	}

	@Override
	public void markCompleted(Instant instant) {
		this.completionDate = instant;
		this.status = Status.COMPLETED;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof StoredEventPublication that && this.stored.id().equals(that.stored.id());
	}

	@Override
	public int hashCode() {
		return this.stored.id().hashCode();
	}

	@Override
	public String toString() {
		return "event publication " + this.stored.id() + " of " + this.stored.eventType() + " to "
				+ this.stored.listenerId() + " (" + this.status + ", published " + this.stored.publicationDate() + ")";
	}

}
