package dev.singletable.core.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The count of the items of hierarchies that skip unknown types which reads left out, by root and stored value;
 * the first of each value is logged at WARN, the others at DEBUG, each with the count so far.
 */
final class SkippedItems {

	private static final Log logger = LogFactory.getLog(SkippedItems.class);

	private final Map<Class<?>, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

	void skip(SingleTablePersistentEntity<?> root, @Nullable String value, Map<String, AttributeValue> item) {
		String key = (value != null) ? value : "";
		long count = this.counts.computeIfAbsent(root.getType(), (type) -> new ConcurrentHashMap<>())
			.computeIfAbsent(key, (stored) -> new AtomicLong())
			.incrementAndGet();
		if (count == 1 || logger.isDebugEnabled()) {
			AttributeValue pk = item.get(ItemAttributes.PK);
			String message = "Skipped item " + ((pk != null) ? pk.s() : null) + " of " + root.getType().getSimpleName()
					+ ": its " + root.getDiscriminator() + " " + ((value != null) ? "'" + value + "'" : "is missing and")
					+ " names none of " + root.getSubtypes().keySet() + " (" + count + " such item"
					+ ((count == 1) ? "" : "s") + " skipped so far; unknownSubtypes = SKIP)";
			if (count == 1) {
				logger.warn(message);
			}
			else {
				logger.debug(message);
			}
		}
	}

	Map<Class<?>, Map<String, Long>> counts() {
		Map<Class<?>, Map<String, Long>> copy = new LinkedHashMap<>();
		this.counts.forEach((type, values) -> {
			Map<String, Long> byValue = new LinkedHashMap<>();
			values.forEach((value, count) -> byValue.put(value, count.get()));
			copy.put(type, byValue);
		});
		return copy;
	}

}
