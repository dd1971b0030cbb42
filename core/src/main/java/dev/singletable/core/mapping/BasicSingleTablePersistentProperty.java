package dev.singletable.core.mapping;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * Annotation-based {@link SingleTablePersistentProperty}.
 */
class BasicSingleTablePersistentProperty extends AnnotationBasedPersistentProperty<SingleTablePersistentProperty>
		implements SingleTablePersistentProperty {

	BasicSingleTablePersistentProperty(Property property,
			PersistentEntity<?, SingleTablePersistentProperty> owner, SimpleTypeHolder simpleTypeHolder) {
		super(property, owner, simpleTypeHolder);
	}

	@Override
	public boolean isCreatedDateProperty() {
		return isAnnotationPresent(CreatedDate.class);
	}

	@Override
	public boolean isLastModifiedDateProperty() {
		return isAnnotationPresent(LastModifiedDate.class);
	}

	@Override
	public boolean isUnmappedAttributesProperty() {
		return isAnnotationPresent(UnmappedAttributes.class);
	}

	@Override
	protected Association<SingleTablePersistentProperty> createAssociation() {
		return new Association<>(this, null);
	}

}
