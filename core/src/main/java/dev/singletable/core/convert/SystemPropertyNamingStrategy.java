package dev.singletable.core.convert;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedField;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.AnnotatedMethod;
import tools.jackson.databind.introspect.AnnotatedParameter;

/**
 * Names the system properties of registered entity types as {@code simplesingletable} does
 * ({@code resource_id}, {@code version}, {@code created_at}, {@code updated_at}) whatever their Java names,
 * and leaves every other property to the user's naming strategy, if any.
 */
final class SystemPropertyNamingStrategy extends PropertyNamingStrategy {

	private final @Nullable PropertyNamingStrategy delegate;

	private final Map<Class<?>, Map<String, String>> systemNames = new ConcurrentHashMap<>();

	SystemPropertyNamingStrategy(@Nullable PropertyNamingStrategy delegate) {
		this.delegate = delegate;
	}

	/**
	 * Registers the stored names of the system properties of a type (and its superclasses, where inherited
	 * properties are declared). Must happen before the type is first serialized.
	 */
	void register(Class<?> type, Map<String, String> javaToStored) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			this.systemNames.computeIfAbsent(current, (key) -> new ConcurrentHashMap<>()).putAll(javaToStored);
		}
	}

	String translate(@Nullable MapperConfig<?> config, String javaName) {
		if (this.delegate == null) {
			return javaName;
		}
		return this.delegate.nameForField(config, null, javaName);
	}

	private @Nullable String systemName(@Nullable AnnotatedMember member, String defaultName) {
		if (member == null) {
			return null;
		}
		Map<String, String> names = this.systemNames.get(member.getDeclaringClass());
		return (names != null) ? names.get(defaultName) : null;
	}

	@Override
	public String nameForField(MapperConfig<?> config, AnnotatedField field, String defaultName) {
		String name = systemName(field, defaultName);
		if (name != null) {
			return name;
		}
		return (this.delegate != null) ? this.delegate.nameForField(config, field, defaultName) : defaultName;
	}

	@Override
	public String nameForGetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
		String name = systemName(method, defaultName);
		if (name != null) {
			return name;
		}
		return (this.delegate != null) ? this.delegate.nameForGetterMethod(config, method, defaultName) : defaultName;
	}

	@Override
	public String nameForSetterMethod(MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
		String name = systemName(method, defaultName);
		if (name != null) {
			return name;
		}
		return (this.delegate != null) ? this.delegate.nameForSetterMethod(config, method, defaultName) : defaultName;
	}

	@Override
	public String nameForConstructorParameter(MapperConfig<?> config, AnnotatedParameter parameter,
			String defaultName) {
		String name = systemName(parameter, defaultName);
		if (name != null) {
			return name;
		}
		return (this.delegate != null) ? this.delegate.nameForConstructorParameter(config, parameter, defaultName)
				: defaultName;
	}

}
