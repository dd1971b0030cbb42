package dev.singletable.benchmarks.floor;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.model.VersionedArticle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The floor's prunes of the version a versioned update pushes out of the window, as singletable's: after the
 * answer, on threads of their own ({@link FloorBackground}), the retention probe — an eventually consistent
 * {@code GetItem} of the version below the pruned one, its key alone — then the {@code DeleteItem} of the pruned
 * version. None of singletable's extras: the floor's histories are never longer than the window, so a probe that
 * finds its version trims nothing more.
 */
final class FloorPrunes {

	/** Where the work after the answers runs (singletable's background work, by hand). */
	private final FloorBackground background = new FloorBackground("floor-prunes");

	/**
	 * Runs a resource's work after the answer (see {@link FloorBackground#after}).
	 */
	void after(String resource, Runnable work) {
		this.background.after(resource, work);
	}

	/**
	 * Runs the work before the answers (see {@code BackgroundWork#setInline}), or after them again.
	 */
	void setInline(boolean inline) {
		this.background.setInline(inline);
	}

	/**
	 * Waits until the work after the answers ended.
	 */
	void await() {
		this.background.await();
	}

	/**
	 * Returns the version a write of version {@code written} prunes, {@code 0} for none.
	 */
	static long pruned(long written) {
		long pruned = written - VersionedArticle.MAX_VERSIONS;
		return (pruned >= 1) ? pruned : 0;
	}

	/**
	 * The prune after a write of version {@code written}: the probe of the version below the pruned one (when there
	 * is one), then the delete of the pruned version.
	 */
	static void prune(DynamoDbClient client, String table, String type, String id, long written) {
		prune(client, table, type, id, written, false);
	}

	/**
	 * The prune after a write of version {@code written}: the probe of the version below the pruned one (when there
	 * is one), then the delete of the pruned version, which returns it when {@code returnOld} (a type with blobs:
	 * its references feed the clean-up, so the write never reads it).
	 * @return the pruned item when asked for and stored, else {@literal null}
	 */
	static @Nullable Map<String, AttributeValue> prune(DynamoDbClient client, String table, String type, String id,
			long written, boolean returnOld) {
		long pruned = pruned(written);
		if (pruned == 0) {
			return null;
		}
		String pk = type + "#" + id;
		if (pruned - 1 >= 1) {
			client.getItem((request) -> request.tableName(table)
				.key(FloorRequests.key(pk, "v" + (pruned - 1)))
				.projectionExpression("#pk")
				.expressionAttributeNames(Map.of("#pk", "pk")));
		}
		Map<String, AttributeValue> key = FloorRequests.key(pk, "v" + pruned);
		DeleteItemResponse deleted = client.deleteItem((request) -> request.tableName(table)
			.key(key)
			.returnValues(returnOld ? ReturnValue.ALL_OLD : ReturnValue.NONE));
		return (deleted.hasAttributes() && !deleted.attributes().isEmpty()) ? deleted.attributes() : null;
	}

}
