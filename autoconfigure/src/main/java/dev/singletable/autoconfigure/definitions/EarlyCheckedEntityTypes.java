package dev.singletable.autoconfigure.definitions;

import java.util.Collection;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Internal: the entity types the early definitions check found and checked in full without Jackson (see
 * {@code MappingSingleTableConverter.checkWithoutJsonMapper}), registered by the check when the application context
 * is prepared, so that the auto-configured converter of a JVM application whose types are all among them builds its
 * storage mapper at the first read or write rather than before the application is ready. Not meant to be used by
 * applications.
 */
public final class EarlyCheckedEntityTypes {

	/** The name of the bean the early definitions check registers. */
	public static final String BEAN_NAME = "singleTableEarlyCheckedEntityTypes";

	private final Set<Class<?>> types;

	EarlyCheckedEntityTypes(Collection<Class<?>> types) {
		Assert.noNullElements(types, "Types must not be null");
		this.types = Set.copyOf(types);
	}

	/**
	 * Whether the check checked all the given types.
	 * @param types entity types
	 * @return {@literal true} when each of them was checked
	 */
	public boolean covers(Collection<? extends Class<?>> types) {
		return this.types.containsAll(types);
	}

}
