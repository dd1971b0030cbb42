package dev.singletable.core.mapping;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.data.core.TypeInformation;

/**
 * The type information of an interface stored as a hierarchy: the interface's own, except that a property it
 * only declares as an accessor ({@code String customerId()}, which Spring Data does not see as a property) is
 * resolved on the concrete type that declares its field, so that the interface's entity can have the property.
 *
 * @param <S> the interface
 */
final class AccessorTypeInformation<S> implements TypeInformation<S> {

	private final TypeInformation<S> delegate;

	private final TypeHierarchy hierarchy;

	AccessorTypeInformation(TypeInformation<S> delegate, TypeHierarchy hierarchy) {
		this.delegate = delegate;
		this.hierarchy = hierarchy;
	}

	@Override
	public @Nullable TypeInformation<?> getProperty(String property) {
		TypeInformation<?> own = this.delegate.getProperty(property);
		if (own != null) {
			return own;
		}
		for (Class<?> subtype : this.hierarchy.subtypes().values()) {
			TypeInformation<?> found = TypeInformation.of(subtype).getProperty(property);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	@Override
	public List<TypeInformation<?>> getParameterTypes(Constructor<?> constructor) {
		return this.delegate.getParameterTypes(constructor);
	}

	@Override
	public boolean isCollectionLike() {
		return this.delegate.isCollectionLike();
	}

	@Override
	public @Nullable TypeInformation<?> getComponentType() {
		return this.delegate.getComponentType();
	}

	@Override
	public boolean isMap() {
		return this.delegate.isMap();
	}

	@Override
	public @Nullable TypeInformation<?> getMapValueType() {
		return this.delegate.getMapValueType();
	}

	@Override
	public Class<S> getType() {
		return this.delegate.getType();
	}

	@Override
	public TypeInformation<?> getRawTypeInformation() {
		return this.delegate.getRawTypeInformation();
	}

	@Override
	public @Nullable TypeInformation<?> getActualType() {
		return this.delegate.getActualType();
	}

	@Override
	public TypeInformation<?> getReturnType(Method method) {
		return this.delegate.getReturnType(method);
	}

	@Override
	public List<TypeInformation<?>> getParameterTypes(Method method) {
		return this.delegate.getParameterTypes(method);
	}

	@Override
	public @Nullable TypeInformation<?> getSuperTypeInformation(Class<?> superType) {
		return this.delegate.getSuperTypeInformation(superType);
	}

	@Override
	public boolean isAssignableFrom(TypeInformation<?> target) {
		return this.delegate.isAssignableFrom(target);
	}

	@Override
	public List<TypeInformation<?>> getTypeArguments() {
		return this.delegate.getTypeArguments();
	}

	@Override
	public TypeDescriptor toTypeDescriptor() {
		return this.delegate.toTypeDescriptor();
	}

	@Override
	public ResolvableType toResolvableType() {
		return this.delegate.toResolvableType();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || this.delegate.equals(other);
	}

	@Override
	public int hashCode() {
		return this.delegate.hashCode();
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
