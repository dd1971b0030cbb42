package dev.singletable.repository.query;

import java.lang.reflect.Constructor;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.query.ResultProcessor;
import org.springframework.data.repository.query.ReturnedType;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * What a query method returns, through Spring Data's {@link ResultProcessor}: the entity, an interface
 * projection (closed or open, from the {@link ProjectionFactory}), or a DTO class or record built through its
 * constructor from the entity's properties of the same names (converted to the parameter types where they
 * differ). A closed projection or DTO whose properties are
 * all properties of the entity also says which properties to read, so that an uncompressed type is read with a
 * {@code ProjectionExpression}.
 */
final class ResultProjection {

	private final ResultProcessor processor;

	private final @Nullable Converter<Object, Object> dto;

	private final List<String> properties;

	ResultProjection(ResultProcessor processor, ProjectionFactory factory, SingleTablePersistentEntity<?> entity) {
		this.processor = processor;
		ReturnedType returned = processor.getReturnedType();
		this.dto = returned.isDtoProjection() ? new DtoConverter(returned.getReturnedType(), entity) : null;
		boolean closed = returned.isDtoProjection() || (returned.isInterfaceProjection()
				&& factory.getProjectionInformation(returned.getReturnedType()).isClosed());
		List<String> inputs = returned.getInputProperties();
		boolean known = !inputs.isEmpty() && inputs.stream().allMatch((name) -> entity.getPersistentProperty(name) != null);
		this.properties = (returned.isProjecting() && closed && known) ? List.copyOf(inputs) : List.of();
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
	 * of that name ({@literal null}, or a primitive's default, where the entity has none).
	 */
	private static final class DtoConverter implements Converter<Object, Object> {

		private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

		private final Constructor<?> constructor;

		private final @Nullable SingleTablePersistentProperty[] sources;

		private final SingleTablePersistentEntity<?> entity;

		DtoConverter(Class<?> type, SingleTablePersistentEntity<?> entity) {
			this.entity = entity;
			this.constructor = BeanUtils.getResolvableConstructor(type);
			String[] names = BeanUtils.getParameterNames(this.constructor);
			if (names.length != this.constructor.getParameterCount()) {
				throw new IllegalStateException("Cannot read the constructor parameter names of " + type.getName()
						+ "; compile with -parameters or use a record");
			}
			this.sources = new SingleTablePersistentProperty[names.length];
			for (int i = 0; i < names.length; i++) {
				this.sources[i] = entity.getPersistentProperty(names[i]);
			}
		}

		@Override
		public Object convert(Object source) {
			PersistentPropertyAccessor<?> accessor = this.entity.getPropertyAccessor(source);
			Object[] arguments = new Object[this.sources.length];
			for (int i = 0; i < arguments.length; i++) {
				SingleTablePersistentProperty property = this.sources[i];
				Object value = (property != null) ? accessor.getProperty(property) : null;
				arguments[i] = (value != null) ? CONVERSIONS.convert(value, this.constructor.getParameterTypes()[i]) : null;
			}
			return BeanUtils.instantiateClass(this.constructor, arguments);
		}

	}

}
