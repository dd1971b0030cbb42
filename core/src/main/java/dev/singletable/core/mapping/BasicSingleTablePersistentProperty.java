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

	/**
	 * Only {@code @SingleTableEntity} types are entities of this store: a nested value (a record, a class, a
	 * collection of them) is stored as JSON, and the mapping context creates no entity for it, so tools that walk
	 * entities (Spring Data's auditing among them) must not descend into it.
	 */
	@Override
	public boolean isEntity() {
		return super.isEntity() && getActualType().isAnnotationPresent(SingleTableEntity.class);
	}

	@Override
	protected Association<SingleTablePersistentProperty> createAssociation() {
		return new Association<>(this, null);
	}

}
