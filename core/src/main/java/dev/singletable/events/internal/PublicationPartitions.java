package dev.singletable.events.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.util.Assert;

import dev.singletable.core.internal.item.KeyShards;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The partitions of the type index that publications sit in: each status's key
 * {@code _INTERNAL#EventPublication#<status>} (and the archive's, {@code _INTERNAL#EventPublication#ARCHIVED}) spread
 * over the registry's {@link KeyShards}. With one shard (the layout before spreading) a status has one partition,
 * which takes every publication of the table and so at most DynamoDB's 1,000 write units a second of one partition
 * key; with {@code n} shards a publication sits in {@code <status key>#<k>}, {@code k} its identifier's shard, the same
 * at each transition. A read of a status reads the unspread key (where publications stored before the spread still
 * are: their next transition moves them to their shard) and every shard's, one query each. Lowering the number of
 * shards leaves the publications of the shards dropped unread: complete (and delete) them first.
 * @param shards the shards every status's key is spread over
 */
public record PublicationPartitions(KeyShards shards) {

	/** The layout before spreading: one partition per status. */
	public static final PublicationPartitions NONE = new PublicationPartitions(KeyShards.NONE);

	/**
	 * Checks the shards.
	 */
	public PublicationPartitions {
		Assert.notNull(shards, "KeyShards must not be null");
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
		return AttributeValue.fromS(this.shards.key(PublicationItems.PREFIX + "#" + status, id.toString()));
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

	private List<AttributeValue> partitions(String status) {
		return this.shards.keys(PublicationItems.PREFIX + "#" + status).stream().map(AttributeValue::fromS).toList();
	}

}
