package dev.singletable.evolution.internal.backfill;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.ItemRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The items of one backfill run in the table, under {@code _INTERNAL#Backfill#<runId>} (no {@code gsitype} nor
 * index attribute: invisible to type listings and to Python): the header {@code run} (operation, type prefix,
 * segments, source, the split bounds of a type-index source, start time) and one item per segment,
 * {@code segment#0000003}: {@code owner} (the instance holding its lease), {@code lease_until} (epoch ms),
 * {@code checkpoint} (the key to resume after), {@code done}, {@code items} and {@code written} (counted at each
 * checkpoint), {@code owners} (every instance that held it). A segment's item exists once it was first claimed.
 * Every change of a segment is a conditional {@code UpdateItem}: a claim succeeds only for a free, expired or own
 * lease of a segment not done; checkpoints, renewals, completion and release only for the lease's owner. Each
 * operation is a plan ({@link Step}), which the run sends through its {@link RunRequests}.
 */
public final class RunLedger {

	static final String PARTITION_PREFIX = "_INTERNAL#Backfill#";

	private static final String HEADER = "run";

	private static final String OWNER = "owner";

	private static final String LEASE_UNTIL = "lease_until";

	private static final String CHECKPOINT = "checkpoint";

	private static final String DONE = "done";

	private static final String ITEMS = "items";

	private static final String WRITTEN = "written";

	private static final String OWNERS = "owners";

	private final String tableName;

	private final String partition;

	RunLedger(String tableName, String runId) {
		this.tableName = tableName;
		this.partition = PARTITION_PREFIX + runId;
	}

	/**
	 * The header of a run: what it does and how its segments are read.
	 * @param bounds the lower bounds of the type index's segments and the upper bound of the last one (empty when
	 * there was nothing to read), or {@literal null} for a parallel scan
	 */
	record Header(String operation, String typePrefix, int segments, @Nullable List<String> bounds) {

	}

	/**
	 * A segment as stored.
	 */
	public record Segment(int number, @Nullable String owner, long leaseUntil, @Nullable Map<String, AttributeValue> checkpoint,
			boolean done, long items, long written, List<String> owners) {

		boolean claimable(String me, long now) {
			return !this.done && (this.owner == null || this.leaseUntil < now || this.owner.equals(me));
		}

	}

	/**
	 * Opens the run: writes its header unless it exists, then returns the stored one (another instance may have
	 * written it first); refuses a run id used by another operation or type.
	 * @param bounds the plan that reads the type index's bounds, for a new run reading it
	 */
	Step<Header> open(BackfillPlan plan, Supplier<Step<List<String>>> bounds) {
		return readHeader().then((stored) -> {
			if (stored != null) {
				return Step.done(checked(plan, stored));
			}
			Step<List<String>> split = plan.typeIndex() ? bounds.get() : Step.done(null);
			return split.then((splitBounds) -> write(plan, splitBounds)).then((written) -> readHeader()).then((read) -> {
				if (read == null) {
					throw new IllegalStateException(
							"Backfill run " + this.partition + " has no header after writing it");
				}
				return Step.done(checked(plan, read));
			});
		});
	}

	/**
	 * Writes a run's header unless one is stored: another instance may write it first, then its header is the run's.
	 */
	private Step<Boolean> write(BackfillPlan plan, @Nullable List<String> split) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(ItemAttributes.PK, AttributeValue.fromS(this.partition));
		item.put(ItemAttributes.SK, AttributeValue.fromS(HEADER));
		item.put("operation", AttributeValue.fromS(plan.operation()));
		item.put("type_prefix", AttributeValue.fromS(plan.typePrefix()));
		item.put("segments", AttributeValue.fromN(Integer.toString(plan.segments())));
		item.put("source", AttributeValue.fromS((split != null) ? "TYPE_INDEX" : "TABLE_SCAN"));
		if (split != null) {
			item.put("bounds", AttributeValue.fromL(split.stream().map(AttributeValue::fromS).toList()));
		}
		item.put("started_at", AttributeValue.fromS(StorageTimestamps.format(Instant.now())));
		return ItemRequests.ifConditionHolds(PutItemRequest.builder()
			.tableName(this.tableName)
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build());
	}

	private static Header checked(BackfillPlan plan, Header stored) {
		if (!stored.operation().equals(plan.operation()) || !stored.typePrefix().equals(plan.typePrefix())) {
			throw new InvalidDataAccessApiUsageException("Backfill run id '" + plan.runId() + "' is the run of "
					+ stored.operation() + " on type prefix '" + stored.typePrefix() + "', not of " + plan.operation()
					+ " on '" + plan.typePrefix() + "'; give this backfill another run id");
		}
		return stored;
	}

	private Step<@Nullable Header> readHeader() {
		return ItemRequests.item(this.tableName, key(HEADER), RunRequests.TOTAL)
			.then((item) -> Step.done((item != null) ? header(item) : null));
	}

	private static Header header(Map<String, AttributeValue> item) {
		AttributeValue bounds = item.get("bounds");
		return new Header(item.get("operation").s(), item.get("type_prefix").s(),
				Integer.parseInt(item.get("segments").n()),
				"TYPE_INDEX".equals(item.get("source").s())
						? ((bounds != null) ? bounds.l().stream().map(AttributeValue::s).toList() : List.of()) : null);
	}

	/**
	 * Reads every segment item of a run (strongly consistent), as {@link #segments()} does: how far it got over every
	 * instance, for the migration whose step it runs.
	 * @param tableName the table's name
	 * @param runId the run's id
	 * @return the plan of the segments by number
	 */
	public static Step<Map<Integer, Segment>> segmentsOf(String tableName, String runId) {
		return new RunLedger(tableName, runId).segments();
	}

	/**
	 * Reads every segment item of the run (strongly consistent): a segment without one was never claimed.
	 */
	Step<Map<Integer, Segment>> segments() {
		return QueryAll.of(QueryRequest.builder()
			.tableName(this.tableName)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :segment)")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK, "#sk", ItemAttributes.SK))
			.expressionAttributeValues(
					Map.of(":pk", AttributeValue.fromS(this.partition), ":segment", AttributeValue.fromS("segment#")))
			.consistentRead(true)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build()).then((items) -> {
				Map<Integer, Segment> segments = new HashMap<>();
				for (Map<String, AttributeValue> item : items) {
					Segment segment = segment(item);
					segments.put(segment.number(), segment);
				}
				return Step.done(segments);
			});
	}

	/**
	 * Claims a segment for this instance.
	 * @return the segment as claimed (its checkpoint), {@literal null} when another instance holds it or it is done
	 */
	Step<@Nullable Segment> claim(int number, String me, long now, long leaseUntil) {
		Map<String, String> names = Map.of("#owner", OWNER, "#lease", LEASE_UNTIL, "#done", DONE, "#owners", OWNERS);
		Map<String, AttributeValue> values = Map.of(":me", AttributeValue.fromS(me), ":now", number(now), ":until",
				number(leaseUntil), ":false", AttributeValue.fromBool(false), ":mine", AttributeValue.fromSs(List.of(me)));
		UpdateItemRequest claim = UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(key(segmentKey(number)))
			.updateExpression("SET #owner = :me, #lease = :until ADD #owners :mine")
			.conditionExpression("(attribute_not_exists(#owner) OR #lease < :now OR #owner = :me) "
					+ "AND (attribute_not_exists(#done) OR #done = :false)")
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.returnValues(ReturnValue.ALL_NEW)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return Step.send(new Request.Conditional(claim), (answer) -> {
			RuntimeException failure = answer.failure();
			if (failure != null && ConditionFailures.isStale(failure)) {
				return Step.done(null);
			}
			return Step.done(segment(answer.get(UpdateItemResponse.class).attributes()));
		});
	}

	/**
	 * Records that a segment's items up to a key are done, with their counts, and renews its lease.
	 * @return {@literal false} when this instance no longer holds the lease
	 */
	Step<Boolean> checkpoint(int number, String me, Map<String, AttributeValue> after, long items, long written,
			long leaseUntil) {
		return ownerUpdate(number, me, "SET #checkpoint = :checkpoint, #lease = :until ADD #items :items, #written :written",
				Map.of("#checkpoint", CHECKPOINT, "#lease", LEASE_UNTIL, "#items", ITEMS, "#written", WRITTEN),
				Map.of(":checkpoint", AttributeValue.fromM(after), ":until", number(leaseUntil), ":items",
						number(items), ":written", number(written)));
	}

	/**
	 * Renews a segment's lease.
	 * @return {@literal false} when this instance no longer holds the lease
	 */
	Step<Boolean> renew(int number, String me, long leaseUntil) {
		return ownerUpdate(number, me, "SET #lease = :until", Map.of("#lease", LEASE_UNTIL),
				Map.of(":until", number(leaseUntil)));
	}

	/**
	 * Marks a segment done, with the counts of its last page, and gives up its lease.
	 * @return {@literal false} when this instance no longer holds the lease
	 */
	Step<Boolean> finish(int number, String me, long items, long written) {
		return ownerUpdate(number, me,
				"SET #done = :true ADD #items :items, #written :written REMOVE #owner, #lease, #checkpoint",
				Map.of("#done", DONE, "#items", ITEMS, "#written", WRITTEN, "#lease", LEASE_UNTIL, "#checkpoint",
						CHECKPOINT),
				Map.of(":true", AttributeValue.fromBool(true), ":items", number(items), ":written", number(written)));
	}

	/**
	 * Gives up the lease of a segment this instance stops working, so another instance takes it at once; its
	 * checkpoint stays.
	 */
	Step<Boolean> release(int number, String me) {
		return ownerUpdate(number, me, "REMOVE #owner, #lease", Map.of("#lease", LEASE_UNTIL), Map.of());
	}

	/**
	 * Gives up the lease of a segment stopped in the middle of a page, recording that its items up to a key are done
	 * with the counts of that part of the page.
	 */
	Step<Boolean> release(int number, String me, Map<String, AttributeValue> after, long items, long written) {
		return ownerUpdate(number, me, "SET #checkpoint = :checkpoint ADD #items :items, #written :written REMOVE #owner, #lease",
				Map.of("#checkpoint", CHECKPOINT, "#lease", LEASE_UNTIL, "#items", ITEMS, "#written", WRITTEN),
				Map.of(":checkpoint", AttributeValue.fromM(after), ":items", number(items), ":written",
						number(written)));
	}

	private Step<Boolean> ownerUpdate(int number, String me, String expression, Map<String, String> names,
			Map<String, AttributeValue> values) {
		Map<String, String> allNames = new HashMap<>(names);
		allNames.put("#owner", OWNER);
		Map<String, AttributeValue> allValues = new HashMap<>(values);
		allValues.put(":me", AttributeValue.fromS(me));
		return ItemRequests.ifConditionHolds(UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(key(segmentKey(number)))
			.updateExpression(expression)
			.conditionExpression("#owner = :me")
			.expressionAttributeNames(allNames)
			.expressionAttributeValues(allValues)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build());
	}

	private static Segment segment(Map<String, AttributeValue> item) {
		String sk = item.get(ItemAttributes.SK).s();
		AttributeValue owner = item.get(OWNER);
		AttributeValue checkpoint = item.get(CHECKPOINT);
		AttributeValue done = item.get(DONE);
		AttributeValue owners = item.get(OWNERS);
		return new Segment(Integer.parseInt(sk.substring("segment#".length())), (owner != null) ? owner.s() : null,
				longOf(item.get(LEASE_UNTIL)), (checkpoint != null) ? checkpoint.m() : null,
				done != null && Boolean.TRUE.equals(done.bool()), longOf(item.get(ITEMS)), longOf(item.get(WRITTEN)),
				(owners != null) ? owners.ss() : List.of());
	}

	private static long longOf(@Nullable AttributeValue value) {
		return (value != null && value.n() != null) ? Long.parseLong(value.n()) : 0;
	}

	private static AttributeValue number(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	static String segmentKey(int number) {
		return String.format(Locale.ROOT, "segment#%07d", number);
	}

	private Map<String, AttributeValue> key(String sk) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(this.partition), ItemAttributes.SK, AttributeValue.fromS(sk));
	}

}
