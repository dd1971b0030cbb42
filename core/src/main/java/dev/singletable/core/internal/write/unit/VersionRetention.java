package dev.singletable.core.internal.write.unit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.BatchWrite;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemFailures;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The retention rule of versioned types: after a write of version {@code N} under {@code maxVersions = M > 0} the
 * history holds exactly the newest {@code M} versions, {@code v(N-M+1)} to {@code vN}.
 * <p>
 * The write's transaction holds the new version and {@code v0} alone. After its answer ({@link #prune}, handed off as
 * background work) an eventually consistent {@code GetItem} of {@code v(N-M-1)}, the version just below the one
 * leaving the window (the <em>probe</em>), checks that the history is no longer than the window; then a
 * {@code DeleteItem} deletes {@code v(N-M)}, at the price of a plain write. A history longer than the window (the
 * limit was introduced or lowered, or a Python {@code memory.transaction()} update, which never prunes, wrote more
 * versions) is found by the probe, and the versions older than the window are trimmed instead ({@link #trim}) with a
 * key-only, strongly consistent query of the whole history (every page) and batched deletes, however many they are.
 * {@code v(N-M)} is deleted last, on its own: it is the version the next write's probe looks at, so a trim that
 * fails part way leaves it, and the next write finds the longer history and trims again. A process that stops
 * between the answer and the prune leaves one version beyond the window: no read returns it
 * ({@link #outsideWindow}), and the next write's probe finds it. The prunes of one resource's writes run one after
 * the other (handed off with the resource as serial key), so a probe never finds the version the previous prune is
 * still deleting, which would make it trim a history that is not longer than the window.
 * <p>
 * Trimming only ever deletes versions {@code <= N-M}, which stay outside the window whatever is written later, so
 * two writers trimming at once never delete a version the other keeps. A longer history with a gap exactly at
 * {@code v(N-M-1)} (that one version deleted with {@code deleteVersion}) passes the probe, and so do the next
 * writes' probes, each of which looks at the version the write before deleted: the versions below that gap then
 * stay until a write's probe finds one (a lowered limit) or the resource is deleted; reads never return them.
 * Gapless histories, the only kind the writes of either library leave, are always trimmed.
 */
public final class VersionRetention {

	private static final Log logger = LogFactory.getLog(VersionRetention.class);

	private final String tableName;

	/**
	 * @param tableName the table whose versions the rule's requests name
	 */
	public VersionRetention(String tableName) {
		this.tableName = tableName;
	}

	/**
	 * The plan that follows the commit of a write of version {@code written}, after the answer (the caller hands it
	 * off as {@link dev.singletable.internal.plan.Request.Background}): deletes {@code v(N-M)}, the version that
	 * leaves the window, once it has read that {@code v(N-M-1)} is not stored (the <em>probe</em>: an eventually
	 * consistent {@code GetItem} of its key alone, 0.5 RCU); when it is, the history is longer than the window and
	 * {@link #trim} deletes every version older than it, {@code v(N-M)} last. Reads never see a version older than
	 * the window, pruned or not ({@link #outsideWindow}), so a prune that never runs (the process stopped first)
	 * leaves one version that no read returns, until the next write's prune finds it with its probe. It never fails:
	 * a failure is logged.
	 * @param maxVersions the limit, {@code 0} for none
	 * @param pk the partition key of the resource
	 * @param written the version the write wrote
	 * @param returnOld whether the delete returns the pruned item (a type with blob properties: its references feed
	 * the clean-up of its objects, so the write never reads it)
	 * @return the plan, whose result says what it did ({@link Pruned})
	 */
	public Step<Pruned> prune(int maxVersions, String pk, long written, boolean returnOld) {
		long leaving = pruned(maxVersions, written);
		if (leaving == 0) {
			return Step.done(Pruned.NOTHING);
		}
		Request delete = new Request.Plain(DeleteItemRequest.builder()
			.tableName(this.tableName)
			.key(key(pk, leaving))
			.returnValues(returnOld ? ReturnValue.ALL_OLD : ReturnValue.NONE)
			.build());
		Step<Pruned> deleted = Step.send(delete, (answer) -> {
			DeleteItemResponse response = answer.get(DeleteItemResponse.class);
			return Step.done((response.hasAttributes() && !response.attributes().isEmpty())
					? new Pruned(response.attributes(), false) : Pruned.NOTHING);
		});
		Step<Pruned> plan = (leaving - 1 < 1) ? deleted
				: Step.send(new Request.Plain(GetItemRequest.builder()
					.tableName(this.tableName)
					.key(key(pk, leaving - 1))
					.projectionExpression("#pk")
					.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
					.build()), (answer) -> {
						GetItemResponse probe = answer.get(GetItemResponse.class);
						if (probe.hasItem() && !probe.item().isEmpty()) {
							// a longer history: the trim deletes v(N-M) last, so a trim that fails part way leaves
							// it for the next write's probe
							return trim(maxVersions, pk, written).then((trimmed) -> Step.done(Pruned.TRIMMED));
						}
						return deleted;
					});
		return plan.recover((ex) -> {
			logger.warn(trimFailed(maxVersions, pk, written), ex);
			return Step.done(Pruned.NOTHING);
		});
	}

	/**
	 * What a {@link #prune} did.
	 * @param item the pruned version's item as it was, when the delete returned it (asked for, and stored)
	 * @param trimmed whether the probe found a longer history and {@link #trim} deleted the versions older than the
	 * window (whatever their number, so their items are not returned)
	 */
	public record Pruned(@Nullable Map<String, AttributeValue> item, boolean trimmed) {

		/** Nothing deleted that the caller learns about: nothing left the window, none was stored, or it failed. */
		public static final Pruned NOTHING = new Pruned(null, false);

		/** The history was longer than the window and trimmed. */
		public static final Pruned TRIMMED = new Pruned(null, true);

	}

	/**
	 * Returns the version a write of version {@code written} prunes: the one that leaves the window.
	 * @param maxVersions the limit, {@code 0} for none
	 * @param written the version the write writes
	 * @return the version, {@code 0} when none leaves the window
	 */
	public static long pruned(int maxVersions, long written) {
		return (maxVersions > 0 && written - maxVersions >= 1) ? written - maxVersions : 0;
	}

	/**
	 * Returns whether a version is older than the newest {@code maxVersions}: no read returns it, whether or not a
	 * write has pruned it yet.
	 * @param maxVersions the limit, {@code 0} or less for none
	 * @param version the version
	 * @param latest the latest version (the version of {@code v0})
	 */
	public static boolean outsideWindow(int maxVersions, long version, long latest) {
		return maxVersions > 0 && version <= latest - maxVersions;
	}

	/**
	 * The plan that follows the commit of a write that found a history longer than the window: deletes every
	 * version older than the window of version {@code written}, whatever their number — a key-only, strongly
	 * consistent query of the whole history (every page), then batched deletes, {@code v(N-M)} last, on its own. It
	 * never fails: the write is committed, so a failure is logged ({@link #trimFailed} first), and the next write's
	 * probe finds the longer history again.
	 * @param maxVersions the limit, greater than 0
	 * @param pk the partition key of the resource
	 * @param written the version just written
	 * @return the plan, whose result is the number of versions deleted (0 when it failed)
	 */
	public Step<Integer> trim(int maxVersions, String pk, long written) {
		return QueryAll.of(versionsQuery(pk, List.of()).build()).then((keys) -> {
			Trim plan = plan(keys, maxVersions, written);
			Step<Void> older = BatchWrite.of(this.tableName, plan.older());
			WriteRequest last = plan.last();
			// only once every older one is gone: while it stays, the next write's probe finds it
			Step<Void> all = (last != null) ? older.then((done) -> BatchWrite.of(this.tableName, List.of(last)))
					: older;
			return all.then((done) -> Step.done(plan.size()));
		}).recover((ex) -> {
			logger.warn(trimFailed(maxVersions, pk, written), ex);
			return Step.done(0);
		});
	}

	/**
	 * The message of a trim that failed after its write was committed.
	 */
	public static String trimFailed(int maxVersions, String pk, long written) {
		return "Version " + written + " of " + pk + " was written, but trimming the versions older than the newest "
				+ maxVersions + " failed; the next write of it trims them again";
	}

	/**
	 * Plans the trim after a write of version {@code written}: the deletes of the versions older than the window
	 * among the stored keys, {@code v(N-M)} apart, to be deleted last.
	 * @param keys the keys of every stored item of the resource ({@link #versionsQuery})
	 */
	public static Trim plan(List<Map<String, AttributeValue>> keys, int maxVersions, long written) {
		long newestOutside = written - maxVersions;
		List<WriteRequest> deletes = new ArrayList<>();
		WriteRequest last = null;
		for (Map<String, AttributeValue> key : keys) {
			long version = version(key.get(ItemAttributes.SK).s());
			if (version >= 1 && version <= newestOutside) {
				WriteRequest delete = WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
				if (version == newestOutside) {
					last = delete;
				}
				else {
					deletes.add(delete);
				}
			}
		}
		return new Trim(List.copyOf(deletes), last);
	}

	/**
	 * The deletes of a trim.
	 * @param older the deletes of the versions below {@code v(N-M)}, in any order
	 * @param last the delete of {@code v(N-M)}, sent once the others are done; {@literal null} when it is gone
	 */
	public record Trim(List<WriteRequest> older, @Nullable WriteRequest last) {

		public int size() {
			return this.older.size() + ((this.last != null) ? 1 : 0);
		}

	}


	/**
	 * The query of every version of a resource ({@code v0} included), strongly consistent, with only the given
	 * attributes besides the keys.
	 * @param pk the resource's partition key
	 * @param attributes the attributes to read besides {@code pk} and {@code sk}, or {@literal null} for whole items
	 */
	public QueryRequest.Builder versionsQuery(String pk, @Nullable List<String> attributes) {
		Map<String, String> names = new LinkedHashMap<>(Map.of("#pk", ItemAttributes.PK, "#sk", ItemAttributes.SK));
		QueryRequest.Builder request = QueryRequest.builder()
			.tableName(this.tableName)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :v)")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":v", AttributeValue.fromS("v")))
			.consistentRead(true);
		if (attributes != null) {
			StringBuilder projection = new StringBuilder("#pk, #sk");
			for (int i = 0; i < attributes.size(); i++) {
				names.put("#a" + i, attributes.get(i));
				projection.append(", #a").append(i);
			}
			request.projectionExpression(projection.toString());
		}
		return request.expressionAttributeNames(names);
	}

	/** The version a sort key {@code vN} names, or -1 when it names none. */
	private static long version(String sk) {
		try {
			return Long.parseLong(sk.substring(1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static Map<String, AttributeValue> key(String pk, long version) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(pk), ItemAttributes.SK,
				AttributeValue.fromS(ResourceIds.versionKey(version)));
	}

}
