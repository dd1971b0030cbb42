package dev.singletable.core.mapping;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import dev.singletable.internal.format.ItemAttributes;

/**
 * The type prefixes of the entity types a mapping context knows, and the one rule that maps a partition key
 * ({@code <prefix>#<id>}) back to its type. Ids may contain {@code #} (the Python library allows them), so a key
 * is never split at a {@code #}: its type is the registered type with the longest prefix {@code P} such that the
 * key starts with {@code P#}.
 * <p>
 * Registering refuses prefixes that would let one key belong to two types:
 * <ul>
 * <li>the same prefix twice (for example {@code alpha.Item} and {@code beta.Item}, both defaulting to
 * {@code Item});</li>
 * <li>a prefix that starts with another prefix followed by {@code #} (for example {@code Item} and
 * {@code Item#Archive}): the key {@code Item#Archive#42} would be both the {@code Item#Archive} resource
 * {@code 42} and the {@code Item} resource {@code Archive#42}, one physical item written by both types;</li>
 * <li>the prefixes the Python library keeps for itself ({@value #PYTHON_INTERNAL} and {@value #PYTHON_SINGLETON}),
 * under which it stores its own items (its statistics and all singletons). Prefixes that merely begin with
 * them, such as {@code _INTERNAL#AuditLog} for reading its audit log, are allowed.</li>
 * </ul>
 * Prefixes that only share leading characters ({@code Item} and {@code ItemArchive}) are unambiguous, since the
 * {@code #} ends the prefix. With these rules at most one registered prefix matches any key, so the
 * longest-match resolution never has to choose.
 */
final class TypePrefixes {

	/** Prefix of the Python library's internal resources (statistics, audit log). */
	static final String PYTHON_INTERNAL = "_INTERNAL";

	/** Prefix of the Python library's singleton resources. */
	static final String PYTHON_SINGLETON = ItemAttributes.SINGLETON_PREFIX;

	private static final Set<String> RESERVED = Set.of(PYTHON_INTERNAL, PYTHON_SINGLETON);

	private static final char SEPARATOR = '#';

	private final Map<String, SingleTablePersistentEntity<?>> entities = new ConcurrentHashMap<>();

	/** Singleton types by the partition key of their one item, {@code SINGLETON#<prefix>}. */
	private final Map<String, SingleTablePersistentEntity<?>> singletons = new ConcurrentHashMap<>();

	/**
	 * Registers the prefix of a new entity type, refusing it when it is reserved or makes a key ambiguous. A type
	 * registered again (after an earlier attempt to add it failed) replaces its previous registration.
	 * @throws InvalidEntityDefinitionException naming both types and how to set a prefix
	 */
	synchronized void register(SingleTablePersistentEntity<?> entity) {
		Class<?> type = entity.getType();
		String prefix = entity.getPrefix();
		if (RESERVED.contains(prefix)) {
			throw new InvalidEntityDefinitionException(type, "its prefix '" + prefix + "' is reserved: the Python "
					+ "library stores its own items under it; set another one with @SingleTableEntity(prefix = \"...\")");
		}
		for (SingleTablePersistentEntity<?> other : this.entities.values()) {
			if (other.getType() == type) {
				continue;
			}
			String otherPrefix = other.getPrefix();
			if (otherPrefix.equals(prefix)) {
				throw new InvalidEntityDefinitionException(type, "its prefix '" + prefix + "' is already the prefix of "
						+ other.getType().getName() + ", so both would read and write the same items; give one of them "
						+ "its own prefix with @SingleTableEntity(prefix = \"...\")");
			}
			if (isNested(prefix, otherPrefix) || isNested(otherPrefix, prefix)) {
				String outer = isNested(prefix, otherPrefix) ? otherPrefix : prefix;
				String inner = outer.equals(prefix) ? otherPrefix : prefix;
				throw new InvalidEntityDefinitionException(type, "its prefix '" + prefix + "' and the prefix '"
						+ otherPrefix + "' of " + other.getType().getName() + " make keys ambiguous: '" + inner
						+ "#42' is also the " + outer + " resource '" + inner.substring(outer.length() + 1)
						+ "#42'; give one of them a prefix that does not start with the other one and '#', with "
						+ "@SingleTableEntity(prefix = \"...\")");
			}
		}
		unregister(type);
		this.entities.put(prefix, entity);
		if (entity.isSingleton()) {
			this.singletons.put(entity.getPartitionKeyPrefix() + prefix, entity);
		}
	}

	/**
	 * Removes the registration of a type whose entity could not be added.
	 */
	synchronized void unregister(Class<?> type) {
		removeType(this.entities, type);
		removeType(this.singletons, type);
	}

	/** Removes a type's entries (a loop rather than a lambda, whose capture would spin a class at start). */
	private static void removeType(Map<String, SingleTablePersistentEntity<?>> entities, Class<?> type) {
		for (Iterator<SingleTablePersistentEntity<?>> it = entities.values().iterator(); it.hasNext();) {
			if (it.next().getType() == type) {
				it.remove();
			}
		}
	}

	/**
	 * Returns the registered type that owns a partition key: the singleton type whose key it is, else the one with
	 * the longest prefix {@code P} such that the key starts with {@code P#}.
	 * @param partitionKey the value of {@code pk}
	 * @return the owning type, or {@literal null} when no registered type matches
	 */
	@Nullable SingleTablePersistentEntity<?> owner(String partitionKey) {
		SingleTablePersistentEntity<?> singleton = this.singletons.get(partitionKey);
		if (singleton != null) {
			return singleton;
		}
		for (int end = partitionKey.lastIndexOf(SEPARATOR); end > 0; end = partitionKey.lastIndexOf(SEPARATOR, end - 1)) {
			SingleTablePersistentEntity<?> entity = this.entities.get(partitionKey.substring(0, end));
			if (entity != null) {
				return entity;
			}
		}
		return null;
	}

	/** Whether {@code prefix} starts with {@code outer#}, so that its keys are also keys of {@code outer}. */
	private static boolean isNested(String prefix, String outer) {
		return prefix.length() > outer.length() && prefix.startsWith(outer)
				&& prefix.charAt(outer.length()) == SEPARATOR;
	}

}
