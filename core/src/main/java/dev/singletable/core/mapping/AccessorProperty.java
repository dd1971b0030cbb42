package dev.singletable.core.mapping;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * A property of an interface stored as a hierarchy, read through the accessor the interface declares (such as
 * {@code String customerId()}, which records implement, or a getter such as {@code String getCustomerId()}, which
 * Kotlin's {@code val customerId: String} compiles to) and known by the annotations its concrete types put on
 * the property of that name: {@code @Id}, {@code @Version}, {@code @CreatedDate} and the rest hold on the interface
 * as on every subtype, without repeating them. It is read-only: writes set properties on the concrete type.
 */
final class AccessorProperty extends BasicSingleTablePersistentProperty {

	// null only while the superclass constructor runs, which reads the accessor's own annotations
	private final @Nullable Field declared;

	AccessorProperty(Property property, PersistentEntity<?, SingleTablePersistentProperty> owner,
			SimpleTypeHolder simpleTypeHolder, Field declared) {
		super(property, owner, simpleTypeHolder);
		this.declared = declared;
	}

	@Override
	public <A extends Annotation> @Nullable A findAnnotation(Class<A> annotationType) {
		A own = super.findAnnotation(annotationType);
		return (own != null || this.declared == null) ? own : this.declared.getAnnotation(annotationType);
	}

	@Override
	public boolean isAnnotationPresent(Class<? extends Annotation> annotationType) {
		return findAnnotation(annotationType) != null;
	}

	@Override
	public boolean isIdProperty() {
		return isAnnotationPresent(Id.class);
	}

	@Override
	public boolean isVersionProperty() {
		return isAnnotationPresent(Version.class);
	}

}
