package dev.singletable.repository.query;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * What a query method returns, through Spring Data's {@link ResultProcessor}: the entity, an interface
 * projection (closed or open, from the {@link ProjectionFactory}), or a DTO class or record built through its
 * constructor from the entity's properties of the same names (converted to the parameter types where they
 * differ), and through its setters. A closed projection or DTO whose properties are all properties of the
 * entity also says which properties to read, so that an uncompressed type is read with a
 * {@code ProjectionExpression}.
 */
final class ResultProjection {

	private final ResultProcessor processor;

	private final @Nullable Converter<Object, Object> dto;

	private final List<String> properties;

	ResultProjection(ResultProcessor processor, ProjectionFactory factory, SingleTablePersistentEntity<?> entity) {
		this.processor = processor;
		ReturnedType returned = processor.getReturnedType();
		DtoConverter dto = returned.isDtoProjection() ? new DtoConverter(returned.getReturnedType(), entity) : null;
		this.dto = dto;
		boolean closed = returned.isDtoProjection() || (returned.isInterfaceProjection()
				&& factory.getProjectionInformation(returned.getReturnedType()).isClosed());
		Set<String> inputs = new LinkedHashSet<>(returned.getInputProperties());
		if (returned.isInterfaceProjection() && closed) {
			// a getter may also read what the entity computes (a getter of its own), read from the whole item
			requireProperties(entity, returned.getReturnedType(),
					inputs.stream().filter((name) -> !isReadable(entity.getType(), name)).toList(), "getters");
		}
		if (dto != null) {
			inputs.addAll(dto.settable.keySet());
		}
		boolean known = !inputs.isEmpty() && inputs.stream().allMatch((name) -> entity.getPersistentProperty(name) != null);
		this.properties = (returned.isProjecting() && closed && known) ? List.copyOf(inputs) : List.of();
	}

	/** Whether the entity type has a getter (or a record-style accessor) the projection proxy can read. */
	private static boolean isReadable(Class<?> type, String name) {
		PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(type, name);
		return (descriptor != null && descriptor.getReadMethod() != null)
				|| ClassUtils.hasMethod(type, name) || ReflectionUtils.findField(type, name) != null;
	}

	/**
	 * Refuses a view naming properties the entity does not have: they could only ever be {@literal null} (or fail
	 * when read), which hides a misspelt or renamed property.
	 * @param what the members of the view that name them
	 */
	private static void requireProperties(SingleTablePersistentEntity<?> entity, Class<?> view, Iterable<String> names,
			String what) {
		Set<String> unknown = new LinkedHashSet<>();
		names.forEach((name) -> {
			if (entity.getPersistentProperty(name) == null) {
				unknown.add(name);
			}
		});
		if (!unknown.isEmpty()) {
			List<String> properties = new ArrayList<>();
			entity.doWithProperties((SingleTablePersistentProperty property) -> properties.add(property.getName()));
			throw new IllegalArgumentException("Cannot project " + entity.getType().getSimpleName() + " onto "
					+ view.getName() + ": its " + what + " " + unknown + " name no property of "
					+ entity.getType().getSimpleName() + ", whose properties are " + properties
					+ "; name them after a property (or use an open projection with @Value for a computed value)");
		}
	}

	/**
	 * Returns the properties to read, empty to read whole items.
	 */
	List<String> properties() {
		return this.properties;
	}

	/**
	 * Turns one entity read into what the method returns.
	 */
	@Nullable Object project(@Nullable Object entity) {
		if (entity == null) {
			return null;
		}
		return (this.dto != null) ? this.processor.processResult(entity, this.dto) : this.processor.processResult(entity);
	}

	/**
	 * Builds a DTO (a class or record) through its constructor, passing for each parameter the entity's property
	 * of that name ({@literal null}, or a primitive's default, where the entity has none), then sets through its
	 * setters the entity's properties no constructor parameter took (a class with a no-argument constructor and
	 * setters). A value whose type differs is converted: by the shared {@link ConversionService}, else to its
	 * {@code toString()} for a {@code String} (an {@code Instant}, a {@code UUID}), else it fails naming the DTO and
	 * the property.
	 */
	private static final class DtoConverter implements Converter<Object, Object> {

		private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

		private final Class<?> type;

		private final Constructor<?> constructor;

		private final @Nullable SingleTablePersistentProperty[] sources;

		private final Map<String, SingleTablePersistentProperty> settable = new LinkedHashMap<>();

		private final SingleTablePersistentEntity<?> entity;

		DtoConverter(Class<?> type, SingleTablePersistentEntity<?> entity) {
			this.type = type;
			this.entity = entity;
			this.constructor = BeanUtils.getResolvableConstructor(type);
			String[] names = BeanUtils.getParameterNames(this.constructor);
			if (names.length != this.constructor.getParameterCount()) {
				throw new IllegalStateException("Cannot read the constructor parameter names of " + type.getName()
						+ "; compile with -parameters or use a record");
			}
			requireProperties(entity, type, List.of(names), "constructor parameters");
			this.sources = new SingleTablePersistentProperty[names.length];
			for (int i = 0; i < names.length; i++) {
				this.sources[i] = entity.getPersistentProperty(names[i]);
			}
			Set<String> taken = Set.of(names);
			for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
				SingleTablePersistentProperty property = entity.getPersistentProperty(descriptor.getName());
				if (descriptor.getWriteMethod() != null && property != null && !taken.contains(descriptor.getName())) {
					this.settable.put(descriptor.getName(), property);
				}
			}
		}

		@Override
		public Object convert(Object source) {
			PersistentPropertyAccessor<?> accessor = this.entity.getPropertyAccessor(source);
			Object[] arguments = new Object[this.sources.length];
			Class<?>[] types = this.constructor.getParameterTypes();
			for (int i = 0; i < arguments.length; i++) {
				SingleTablePersistentProperty property = this.sources[i];
				arguments[i] = (property != null) ? value(accessor.getProperty(property), types[i], property) : null;
			}
			Object dto = BeanUtils.instantiateClass(this.constructor, arguments);
			if (!this.settable.isEmpty()) {
				BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(dto);
				this.settable.forEach((name, property) -> wrapper.setPropertyValue(name,
						value(accessor.getProperty(property), wrapper.getPropertyType(name), property)));
			}
			return dto;
		}

		private @Nullable Object value(@Nullable Object value, @Nullable Class<?> target,
				SingleTablePersistentProperty property) {
			if (value == null || target == null || ClassUtils.isAssignableValue(target, value)) {
				return value;
			}
			if (CONVERSIONS.canConvert(value.getClass(), target)) {
				return CONVERSIONS.convert(value, target);
			}
			if (target == String.class) {
				return value.toString();
			}
			throw new IllegalArgumentException("Cannot build " + this.type.getName() + ": property '"
					+ property.getName() + "' of " + this.entity.getType().getSimpleName() + " is a "
					+ value.getClass().getName() + ", which does not convert to " + target.getName()
					+ "; declare it with the property's type");
		}

	}

}
