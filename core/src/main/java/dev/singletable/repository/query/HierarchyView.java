package dev.singletable.repository.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cglib.beans.BeanGenerator;
import org.springframework.cglib.core.NamingPolicy;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * The bean a derived query of a hierarchy's root is parsed against, where Spring Data cannot parse it against the
 * root itself: a generated class with the root's properties (an interface's accessors are no properties to Spring
 * Data) and its discriminator, so that {@code findByCustomerIdAndType(customerId, "Card")} names properties that
 * exist. Only parsing sees it; the query is planned and run on the root.
 */
final class HierarchyView {

	private static final Map<Class<?>, Class<?>> VIEWS = new ConcurrentHashMap<>();

	private HierarchyView() {
	}

	/**
	 * Returns the view of a hierarchy's root, generated once.
	 */
	static Class<?> of(SingleTablePersistentEntity<?> root) {
		return VIEWS.computeIfAbsent(root.getType(), (type) -> generate(root));
	}

	private static Class<?> generate(SingleTablePersistentEntity<?> root) {
		BeanGenerator generator = new BeanGenerator();
		generator.setContextClass(HierarchyView.class);
		generator.setNamingPolicy(naming(root.getType()));
		for (SingleTablePersistentProperty property : root) {
			generator.addProperty(property.getName(), property.getType());
		}
		generator.addProperty(root.getDiscriminator(), String.class);
		return (Class<?>) generator.createClass();
	}

	private static NamingPolicy naming(Class<?> root) {
		String name = HierarchyView.class.getName() + "$" + root.getName().replace('.', '_').replace('$', '_');
		return (prefix, source, key, names) -> {
			String candidate = name;
			for (int i = 2; names.evaluate(candidate); i++) {
				candidate = name + "_" + i;
			}
			return candidate;
		};
	}

	/**
	 * Whether a predicate names the discriminator of a hierarchy's root rather than a property.
	 */
	static boolean isDiscriminator(SingleTablePersistentEntity<?> entity, String segment) {
		return entity.getDiscriminator() != null && entity.getType() == entity.getRootType()
				&& segment.equals(entity.getDiscriminator()) && entity.getPersistentProperty(segment) == null;
	}

}
