package dev.singletable.evolution.internal.migration;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.evolution.internal.backfill.RunLedger;
import dev.singletable.evolution.internal.backfill.RunLedger.Segment;
import dev.singletable.evolution.internal.plan.PlanRunner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The items of recorded migrations, and the one place that reads and writes them: under the partition
 * {@value #PARTITION}, one record per migration (sk {@code version#<version>}) and the fleet's lease (sk
 * {@value #LEASE}: {@code owner}, {@code lease_until} in epoch milliseconds). None carries index attributes, so type
 * listings and the Python library never see them.
 * <p>
 * Every write is conditional: the lease is taken only when free, expired or already the caller's, renewed and given
 * back only by its owner; a record is changed only by the instance it names as {@code holder}, so an instance whose
 * lease was taken over after it stopped renewing it cannot overwrite the new holder's progress. A write whose
 * condition fails answers {@literal false}; any other failure is translated by the template's driver, which sends
 * each one request.
 *
 * @param driver runs the requests on the template's table
 * @param tableName the table's name
 */
public record MigrationRecords(PlanRunner driver, String tableName) {

	/** The partition key of the records and of the lease. */
	public static final String PARTITION = "_INTERNAL#Migrations";

	/** The sort key of the fleet's lease. */
	public static final String LEASE = "lease";

	/** The sort key prefix of a record. */
	static final String RECORD_PREFIX = "version#";

	/** The longest error message recorded: the record stays far below DynamoDB's item size limit. */
	static final int MAX_ERROR_LENGTH = 4000;

	private static final String VERSION = "version";

	private static final String DESCRIPTION = "description";

	private static final String CHECKSUM = "checksum";

	private static final String STATE = "state";

	private static final String STEP = "step";

	private static final String STEPS = "steps";

	private static final String STEP_NAMES = "step_names";

	private static final String STARTED_AT = "started_at";

	private static final String ENDED_AT = "ended_at";

	private static final String ITEMS = "items";

	private static final String HOLDER = "holder";

	private static final String ERROR = "error";

	private static final String OWNER = "owner";

	private static final String LEASE_UNTIL = "lease_until";


	/**
	 * Reads every record, strongly consistent, every page.
	 */
	public List<MigrationRecord> readAll() {
		QueryRequest request = QueryRequest.builder()
			.tableName(this.tableName)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK, "#sk", ItemAttributes.SK))
			.expressionAttributeValues(Map.of(":pk", s(PARTITION), ":prefix", s(RECORD_PREFIX)))
			.consistentRead(true)
			.build();
		return this.driver.run(QueryAll.of(request)).stream().map(MigrationRecords::toRecord).toList();
	}

	/**
	 * Reads one record, strongly consistent.
	 */
	public Optional<MigrationRecord> read(String version) {
		return read(recordKey(version)).map(MigrationRecords::toRecord);
	}

	/**
	 * Writes the record of a migration the caller starts or resumes, naming it as holder, unless it is recorded as
	 * applied.
	 * @return whether it was written ({@literal false}: the migration is applied)
	 */
	public boolean start(MigrationRecord record) {
		Map<String, AttributeValue> item = new HashMap<>(recordKey(record.version()));
		item.put(VERSION, s(record.version()));
		item.put(DESCRIPTION, s(record.description()));
		item.put(CHECKSUM, s(record.checksum()));
		item.put(STATE, s(record.state()));
		item.put(STEP, n(record.step()));
		item.put(STEPS, n(record.steps()));
		item.put(STEP_NAMES, AttributeValue.fromL(record.stepNames().stream().map(MigrationRecords::s).toList()));
		item.put(ITEMS, n(record.items()));
		putTime(item, STARTED_AT, record.startedAt());
		putTime(item, ENDED_AT, record.endedAt());
		if (record.holder() != null) {
			item.put(HOLDER, s(record.holder()));
		}
		if (record.error() != null) {
			item.put(ERROR, s(truncate(record.error())));
		}
		return conditional(PutItemRequest.builder()
			.tableName(this.tableName)
			.item(item)
			.conditionExpression("attribute_not_exists(#pk) OR #state <> :success")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK, "#state", STATE))
			.expressionAttributeValues(Map.of(":success", s(MigrationRecord.SUCCESS)))
			.build());
	}

	/**
	 * Records the step the holder runs and the items its finished steps processed.
	 * @return whether it was written ({@literal false}: the caller is no longer the holder)
	 */
	public boolean progress(String version, String holder, int step, long items) {
		return update(version, holder, "SET #step = :step, #items = :items",
				Map.of("#step", STEP, "#items", ITEMS), Map.of(":step", n(step), ":items", n(items)));
	}

	/**
	 * Records a migration as applied.
	 * @return whether it was written ({@literal false}: the caller is no longer the holder)
	 */
	public boolean succeed(String version, String holder, long items, Instant endedAt) {
		return update(version, holder,
				"SET #state = :state, #items = :items, #ended = :ended REMOVE #holder, #error",
				Map.of("#state", STATE, "#items", ITEMS, "#ended", ENDED_AT, "#error", ERROR),
				Map.of(":state", s(MigrationRecord.SUCCESS), ":items", n(items), ":ended", s(endedAt.toString())));
	}

	/**
	 * Records a migration as failed at its current step.
	 * @return whether it was written ({@literal false}: the caller is no longer the holder)
	 */
	public boolean fail(String version, String holder, String error, Instant endedAt) {
		return update(version, holder, "SET #state = :state, #error = :error, #ended = :ended REMOVE #holder",
				Map.of("#state", STATE, "#error", ERROR, "#ended", ENDED_AT),
				Map.of(":state", s(MigrationRecord.FAILED), ":error", s(truncate(error)), ":ended",
						s(endedAt.toString())));
	}

	/**
	 * Records that the holder stopped without failing (it was interrupted): the migration stays running, without
	 * holder, for the next instance to resume.
	 * @return whether it was written ({@literal false}: the caller is no longer the holder)
	 */
	public boolean abandon(String version, String holder) {
		return update(version, holder, "REMOVE #holder", Map.of(), Map.of());
	}

	private boolean update(String version, String holder, String expression, Map<String, String> names,
			Map<String, AttributeValue> values) {
		Map<String, String> allNames = new HashMap<>(names);
		allNames.put("#holder", HOLDER);
		Map<String, AttributeValue> allValues = new HashMap<>(values);
		allValues.put(":me", s(holder));
		return conditional(UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(recordKey(version))
			.updateExpression(expression)
			.conditionExpression("#holder = :me")
			.expressionAttributeNames(allNames)
			.expressionAttributeValues(allValues)
			.build());
	}

	/**
	 * Takes the fleet's lease when nobody holds it, its holder's lease ended, or the caller holds it already.
	 * @return whether the caller holds it now, until {@code now + durationMillis}
	 */
	public boolean acquireLease(String owner, long durationMillis) {
		long now = System.currentTimeMillis();
		return leaseUpdate("SET #owner = :me, #until = :until",
				"attribute_not_exists(#owner) OR #until < :now OR #owner = :me",
				Map.of(":me", s(owner), ":now", n(now), ":until", n(now + durationMillis)));
	}

	/**
	 * Extends the caller's lease.
	 * @return whether it was extended ({@literal false}: another instance took it over)
	 */
	public boolean renewLease(String owner, long durationMillis) {
		long until = System.currentTimeMillis() + durationMillis;
		return leaseUpdate("SET #until = :until", "#owner = :me", Map.of(":me", s(owner), ":until", n(until)));
	}

	/**
	 * Gives the lease back, when the caller still holds it.
	 * @return whether it was given back
	 */
	public boolean releaseLease(String owner) {
		return leaseUpdate("REMOVE #owner, #until", "#owner = :me", Map.of(":me", s(owner)));
	}

	private boolean leaseUpdate(String expression, String condition, Map<String, AttributeValue> values) {
		return conditional(UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(key(LEASE))
			.updateExpression(expression)
			.conditionExpression(condition)
			.expressionAttributeNames(Map.of("#owner", OWNER, "#until", LEASE_UNTIL))
			.expressionAttributeValues(values)
			.build());
	}

	/**
	 * Reads the fleet's lease, strongly consistent.
	 * @return its holder and end, empty when nobody holds it
	 */
	public Optional<Lease> readLease() {
		return read(key(LEASE)).filter((item) -> item.containsKey(OWNER) && item.containsKey(LEASE_UNTIL))
			.map((item) -> new Lease(item.get(OWNER).s(), Instant.ofEpochMilli(Long.parseLong(item.get(LEASE_UNTIL).n()))));
	}

	/**
	 * Reads how far a backfill run got over every instance, from the counts its segment items keep.
	 * @param runId the run id
	 * @return the items its segments processed, how many are done and how many there are (none before it started)
	 */
	public RunProgress runProgress(String runId) {
		Map<Integer, Segment> segments = this.driver.run(RunLedger.segmentsOf(this.tableName, runId));
		Collection<Segment> read = (segments != null) ? segments.values() : List.of();
		return new RunProgress(read.stream().mapToLong(Segment::items).sum(),
				(int) read.stream().filter(Segment::done).count(), read.size());
	}

	private boolean conditional(DynamoDbRequest write) {
		return Boolean.TRUE.equals(this.driver.run(ItemRequests.ifConditionHolds(write)));
	}

	private Optional<Map<String, AttributeValue>> read(Map<String, AttributeValue> key) {
		return Optional.ofNullable(this.driver.run(ItemRequests.item(this.tableName, key, null)));
	}

	private static MigrationRecord toRecord(Map<String, AttributeValue> item) {
		List<String> stepNames = new ArrayList<>();
		AttributeValue names = item.get(STEP_NAMES);
		if (names != null && names.hasL()) {
			names.l().forEach((name) -> stepNames.add(name.s()));
		}
		return new MigrationRecord(string(item, VERSION), string(item, DESCRIPTION), string(item, CHECKSUM),
				string(item, STATE), (int) number(item, STEP), (int) number(item, STEPS), stepNames,
				time(item, STARTED_AT), time(item, ENDED_AT), number(item, ITEMS), optional(item, HOLDER),
				optional(item, ERROR));
	}

	private static String string(Map<String, AttributeValue> item, String name) {
		String value = optional(item, name);
		return (value != null) ? value : "";
	}

	private static @Nullable String optional(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null) ? value.s() : null;
	}

	private static long number(Map<String, AttributeValue> item, String name) {
		AttributeValue value = item.get(name);
		return (value != null && value.n() != null) ? Long.parseLong(value.n()) : 0;
	}

	private static @Nullable Instant time(Map<String, AttributeValue> item, String name) {
		String value = optional(item, name);
		return (value != null) ? Instant.parse(value) : null;
	}

	private static void putTime(Map<String, AttributeValue> item, String name, @Nullable Instant time) {
		if (time != null) {
			item.put(name, s(time.toString()));
		}
	}

	private static String truncate(String error) {
		return (error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
	}

	/**
	 * The key a version is recorded under: its canonical form, so that versions equal as dotted numbers
	 * ({@code 2}, {@code 2.0}, {@code 02}) share one record.
	 */
	private static Map<String, AttributeValue> recordKey(String version) {
		return key(RECORD_PREFIX + canonicalVersion(version));
	}

	/**
	 * The canonical form of a dotted version: each number without leading zeros, trailing zero numbers dropped
	 * ({@code 1.05.0} is {@code 1.5}).
	 * @param version a version of digits and dots
	 * @return its canonical form
	 */
	public static String canonicalVersion(String version) {
		List<String> numbers = new ArrayList<>();
		for (String number : version.split("\\.")) {
			numbers.add(new BigInteger(number).toString());
		}
		while (numbers.size() > 1 && "0".equals(numbers.get(numbers.size() - 1))) {
			numbers.remove(numbers.size() - 1);
		}
		return String.join(".", numbers);
	}

	private static Map<String, AttributeValue> key(String sk) {
		return Map.of(ItemAttributes.PK, s(PARTITION), ItemAttributes.SK, s(sk));
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static AttributeValue n(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	/**
	 * The holder of the fleet's lease and when its lease ends.
	 */
	public record Lease(String owner, Instant until) {

	}

	/**
	 * How far a backfill run got over every instance.
	 *
	 * @param items the items its segments processed
	 * @param done the segments done
	 * @param segments the segments, {@code 0} before the run started
	 */
	public record RunProgress(long items, int done, int segments) {

	}

}
