package dev.singletable.core.mapping;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.util.StringUtils;

/**
 * A type hierarchy stored as one entity: a sealed interface or abstract class annotated with
 * {@link SingleTableEntity @SingleTableEntity} (its root; one that is not sealed lists its subtypes, else each
 * subclass stays an entity of its own, inheriting the annotation), and the concrete types under it, each with the
 * discriminator value that names it in a stored item (its {@link TypeAlias @TypeAlias}, else its simple name).
 * Read from the types alone, without a mapping context, so that the mapping and the storage mapper agree.
 *
 * @param root the annotated root type
 * @param discriminator the attribute (and JSON field) holding the discriminator value
 * @param subtypes the concrete types by discriminator value, in declaration order
 */
record TypeHierarchy(Class<?> root, String discriminator, Map<String, Class<?>> subtypes) {

	/**
	 * Returns the hierarchy a type is the root or a concrete member of, or {@literal null} for a type in none
	 * (an annotated concrete type, or a type nobody annotated).
	 * @throws InvalidEntityDefinitionException when an annotated root cannot be a hierarchy
	 */
	static @Nullable TypeHierarchy of(Class<?> type) {
		// asked for every type the mapping and the storage mapper meet, and per call of some writes: read once per type
		return HIERARCHIES.get(type).orElse(null);
	}

	private static final ClassValue<Optional<TypeHierarchy>> HIERARCHIES = new ClassValue<>() {

		@Override
		protected Optional<TypeHierarchy> computeValue(Class<?> type) {
			return Optional.ofNullable(find(type));
		}

	};

	private static @Nullable TypeHierarchy find(Class<?> type) {
		Class<?> root = findRoot(type);
		if (root == null) {
			return null;
		}
		TypeHierarchy hierarchy = read(root);
		return (hierarchy != null) && (root == type || hierarchy.subtypes().containsValue(type)) ? hierarchy : null;
	}

	/**
	 * Whether a type is abstract (an interface or an abstract class), so that an annotated one is a hierarchy root.
	 */
	static boolean isAbstract(Class<?> type) {
		return type.isInterface() || Modifier.isAbstract(type.getModifiers());
	}

	/**
	 * Returns the discriminator value of a concrete member.
	 */
	String valueOf(Class<?> subtype) {
		for (Map.Entry<String, Class<?>> entry : this.subtypes.entrySet()) {
			if (entry.getValue() == subtype) {
				return entry.getKey();
			}
		}
		throw new IllegalArgumentException(subtype.getName() + " is not a concrete type of " + this.root.getName());
	}

	/**
	 * Returns the concrete types a requested type reads: all of them for the root, else those assignable to it.
	 */
	Map<String, Class<?>> subtypesOf(Class<?> requested) {
		if (requested == this.root) {
			return this.subtypes;
		}
		Map<String, Class<?>> found = new LinkedHashMap<>();
		this.subtypes.forEach((value, subtype) -> {
			if (requested.isAssignableFrom(subtype)) {
				found.put(value, subtype);
			}
		});
		return Collections.unmodifiableMap(found);
	}

	private static @Nullable Class<?> findRoot(Class<?> type) {
		Deque<Class<?>> pending = new ArrayDeque<>();
		pending.add(type);
		while (!pending.isEmpty()) {
			Class<?> candidate = pending.poll();
			if (candidate.getDeclaredAnnotation(SingleTableEntity.class) != null) {
				return isAbstract(candidate) ? candidate : null;
			}
			if (candidate.getSuperclass() != null && candidate.getSuperclass() != Object.class) {
				pending.add(candidate.getSuperclass());
			}
			pending.addAll(List.of(candidate.getInterfaces()));
		}
		return null;
	}

	private static @Nullable TypeHierarchy read(Class<?> root) {
		SingleTableEntity annotation = root.getDeclaredAnnotation(SingleTableEntity.class);
		String discriminator = annotation.discriminator();
		if (!StringUtils.hasText(discriminator)) {
			throw new InvalidEntityDefinitionException(root, "its discriminator is empty; name the attribute that "
					+ "holds the subtype, for example @SingleTableEntity(discriminator = \"type\")");
		}
		List<Class<?>> concrete = new ArrayList<>();
		if (root.isSealed()) {
			collectPermitted(root, concrete);
		}
		else if (annotation.subtypes().length > 0) {
			for (Class<?> subtype : annotation.subtypes()) {
				if (!root.isAssignableFrom(subtype) || isAbstract(subtype)) {
					throw new InvalidEntityDefinitionException(root, "its subtype " + subtype.getName() + " is "
							+ (isAbstract(subtype) ? "abstract" : "not a subtype of it")
							+ "; list the concrete types that implement it");
				}
				concrete.add(subtype);
			}
		}
		else {
			// an annotated base class that is not sealed: each subclass is an entity of its own, as it always was
			return null;
		}
		Map<String, Class<?>> subtypes = new LinkedHashMap<>();
		for (Class<?> subtype : concrete) {
			if (subtype.getDeclaredAnnotation(SingleTableEntity.class) != null) {
				throw new InvalidEntityDefinitionException(subtype, "it is stored as a subtype of " + root.getName()
						+ ", whose @SingleTableEntity applies to it; remove its own @SingleTableEntity (to store it "
						+ "apart, take it out of the hierarchy)");
			}
			TypeAlias alias = subtype.getDeclaredAnnotation(TypeAlias.class);
			String value = (alias != null && StringUtils.hasText(alias.value())) ? alias.value() : subtype.getSimpleName();
			Class<?> other = subtypes.putIfAbsent(value, subtype);
			if (other != null && other != subtype) {
				throw new InvalidEntityDefinitionException(root, "its subtypes " + other.getName() + " and "
						+ subtype.getName() + " would both be stored as '" + value + "'; give one of them another name "
						+ "with @TypeAlias");
			}
		}
		return new TypeHierarchy(root, discriminator, Collections.unmodifiableMap(subtypes));
	}

	private static void collectPermitted(Class<?> type, List<Class<?>> concrete) {
		for (Class<?> permitted : type.getPermittedSubclasses()) {
			if (!isAbstract(permitted) && !concrete.contains(permitted)) {
				concrete.add(permitted);
			}
			if (permitted.isSealed()) {
				collectPermitted(permitted, concrete);
			}
		}
	}

}
