package dev.singletable.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.util.Assert;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partitions of the type index that publications sit in, spread over shards: with one shard (the layout before
 * spreading) a status has one partition, {@code _INTERNAL#EventPublication#<status>}, which takes every publication of
 * the table and so at most DynamoDB's 1,000 write units a second of one partition key; with {@code n} shards a
 * publication sits in {@code _INTERNAL#EventPublication#<status>#<k>}, {@code k} picked from its identifier
 * ({@code 0 <= k < n}), the same at each transition, so that the publications of the table take {@code n} keys. A read
 * of a status reads every shard's partition (one query each) and, with more than one shard, the partition of one
 * shard too, where publications stored before the spread still are (their next transition moves them to their
 * shard): switching the spread on needs no migration. Lowering the number of shards leaves the publications of the
 * shards dropped unread: complete (and delete) them first.
 * @param count how many shards each status is spread over, at least 1
 */
public record PublicationShards(int count) {

	/** The layout before spreading: one partition per status. */
	public static final PublicationShards NONE = new PublicationShards(1);

	/** The most shards a status may be spread over: each is one more query of every read of the status. */
	public static final int MAX = 64;

	/**
	 * Checks the number of shards.
	 */
	public PublicationShards {
		Assert.isTrue(count >= 1 && count <= MAX, () -> "The event publications' shards must be between 1 and " + MAX
				+ " but were " + count);
	}

	/**
	 * Returns the shard of a publication: the same for an identifier whatever its status.
	 */
	public int shard(UUID id) {
		return Math.floorMod(id.getMostSignificantBits() ^ id.getLeastSignificantBits(), this.count);
	}

	/**
	 * Returns the partition a publication of a status sits in.
	 */
	AttributeValue partition(Status status, UUID id) {
		return partition(status.name(), id);
	}

	/**
	 * Returns the partition a publication completed in the archive completion mode sits in.
	 */
	AttributeValue archive(UUID id) {
		return partition(PublicationItems.ARCHIVED, id);
	}

	private AttributeValue partition(String status, UUID id) {
		return AttributeValue.fromS((this.count == 1) ? PublicationItems.PREFIX + "#" + status
				: PublicationItems.PREFIX + "#" + status + "#" + shard(id));
	}

	/** The partitions of publications not completed yet. */
	public List<AttributeValue> incomplete() {
		List<AttributeValue> all = new ArrayList<>();
		PublicationItems.INCOMPLETE.forEach((status) -> all.addAll(partitions(status.name())));
		return List.copyOf(all);
	}

	/** The partitions of completed publications: those completed in place and the archive's. */
	public List<AttributeValue> completed() {
		List<AttributeValue> all = new ArrayList<>(partitions(Status.COMPLETED.name()));
		all.addAll(partitions(PublicationItems.ARCHIVED));
		return List.copyOf(all);
	}

	/** The partitions of one status (completed: both of {@link #completed()}). */
	public List<AttributeValue> of(Status status) {
		return (status == Status.COMPLETED) ? completed() : partitions(status.name());
	}

	/** Every shard's partition of a status, and the one of the layout before spreading when spread. */
	private List<AttributeValue> partitions(String status) {
		List<AttributeValue> all = new ArrayList<>();
		String unspread = PublicationItems.PREFIX + "#" + status;
		all.add(AttributeValue.fromS(unspread));
		if (this.count > 1) {
			for (int shard = 0; shard < this.count; shard++) {
				all.add(AttributeValue.fromS(unspread + "#" + shard));
			}
		}
		return List.copyOf(all);
	}

}
