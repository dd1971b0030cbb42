package dev.singletable.core.internal.reactive;

import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.BlobLocation;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the reactive template read without blocking before it builds a unit with the blocking template's planning
 * code, handed to that code for the time of the (synchronous) build: the stored items a plan reads by key
 * ({@link NoBlockingClient} answers its {@code GetItem}s from them) and whether stored S3 objects hold the values a
 * plan compares with them ({@code BlobStage.Planning#holds}). A plan that asks for anything else fails at once.
 *
 * @param items the items read, by key; an empty map for a key with no item
 * @param holds whether the object at a location holds the value the plan compares with it
 */
record ReadAhead(Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items, Map<BlobLocation, Boolean> holds) {

	static final ReadAhead NONE = new ReadAhead(Map.of(), Map.of());

	private static final ThreadLocal<@Nullable ReadAhead> current = new ThreadLocal<>();

	/**
	 * Runs a build with what was read ahead.
	 */
	<T> T during(Supplier<T> build) {
		ReadAhead outer = current.get();
		current.set(this);
		try {
			return build.get();
		}
		finally {
			current.set(outer);
		}
	}

	/**
	 * What was read ahead for the build running on this thread.
	 */
	static ReadAhead current() {
		ReadAhead ahead = current.get();
		return (ahead != null) ? ahead : NONE;
	}

}
