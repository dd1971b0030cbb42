package dev.singletable.evolution;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.ComputedIndexKey;
import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * One type, as successive versions of an application define it: each record is the same stored type (same
 * prefix) under another definition, so that a test can "restart" the application with a new definition by
 * building a template on a new mapping context.
 */
final class DriftFixtures {

	private DriftFixtures() {
	}

	/** The first definition: tickets indexed by status on {@code gsi1}. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record Ticket(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
			String status) {

		static Ticket of(String owner, String status) {
			return new Ticket(null, null, null, owner, status);
		}

	}

	/** A new index: tickets by owner on {@code gsi2}. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi1", partition = "status#{status}")
	@IndexKey(index = "gsi2", partition = "owner#{owner}")
	record TicketByOwner(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
			String status) {

		static TicketByOwner of(String owner, String status) {
			return new TicketByOwner(null, null, null, owner, status);
		}

	}

	/** Indexed by owner instead of status: {@code gsi1} no longer written, {@code gsi2} new. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi2", partition = "owner#{owner}")
	record TicketByOwnerOnly(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
			String status) {

	}

	/** A changed template on {@code gsi1}. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi1", partition = "state#{status}")
	record TicketByState(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
			String status) {

	}

	/** Changes that need no rewrite: more versions kept, another compression level. */
	@SingleTableEntity(prefix = "Ticket", versioned = true, maxVersions = 5, compressionLevel = 6)
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record TicketKeepingFive(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
			String status) {

	}

	/** Stored uncompressed now, with a TTL attribute. */
	@SingleTableEntity(prefix = "Ticket", versioned = true, compression = SingleTableEntity.Compression.DISABLED,
			ttlProperty = "expiresAt")
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record TicketUncompressedExpiring(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt,
			String owner, String status, Instant expiresAt) {

	}

	/** A field renamed: {@code owner} is now {@code assignee}. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record TicketWithAssignee(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt,
			String assignee, String status) {

	}

	/** Stored plain now: no version history. */
	@SingleTableEntity(prefix = "Ticket")
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record PlainTicket(@Id String id, @LastModifiedDate Instant updatedAt, String owner, String status) {

	}

	/** An attachment stored in S3, and the status copied into the filter metadata. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record TicketWithAttachment(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt,
			String owner, @FilterMetadata String status, @BlobField String attachment) {

	}

	/** Its prefix renamed to {@code SupportTicket}. */
	@SingleTableEntity(prefix = "SupportTicket", versioned = true)
	@IndexKey(index = "gsi1", partition = "status#{status}")
	record SupportTicket(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String owner,
			String status) {

	}

	/** A plain type whose prefix is its class name, {@code Memo}. */
	@SingleTableEntity
	record Memo(@Id String id, @LastModifiedDate Instant updatedAt, String text) {

	}

	/** {@link Memo} renamed: its prefix, its class name, is {@code Note} now. */
	@SingleTableEntity
	record Note(@Id String id, @LastModifiedDate Instant updatedAt, String text) {

	}

	/** A plain type with a computed key on {@code gsi2}. */
	@SingleTableEntity(prefix = "Parcel")
	record Parcel(@Id String id, @LastModifiedDate Instant updatedAt, String carrier, int weight) {

		@ComputedIndexKey(index = "gsi2")
		public String byCarrier() {
			return (this.carrier != null) ? "carrier#" + this.carrier + "#" + heavy() : null;
		}

		private boolean heavy() {
			return this.weight > 10;
		}

	}

	/** The computed key method renamed (and its helper too), the same logic. */
	@SingleTableEntity(prefix = "Parcel")
	record ParcelRenamedKey(@Id String id, @LastModifiedDate Instant updatedAt, String carrier, int weight) {

		@ComputedIndexKey(index = "gsi2")
		public String carrierKey() {
			return (this.carrier != null) ? "carrier#" + this.carrier + "#" + isHeavy() : null;
		}

		private boolean isHeavy() {
			return this.weight > 10;
		}

	}

	/** The computed key's helper changed its logic. */
	@SingleTableEntity(prefix = "Parcel")
	record ParcelChangedKey(@Id String id, @LastModifiedDate Instant updatedAt, String carrier, int weight) {

		@ComputedIndexKey(index = "gsi2")
		public String byCarrier() {
			return (this.carrier != null) ? "carrier#" + this.carrier + "#" + heavy() : null;
		}

		private boolean heavy() {
			return this.weight > 20;
		}

	}

}
