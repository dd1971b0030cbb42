package dev.singletable.core.convert;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotationIntrospectorPair;
import tools.jackson.databind.jsontype.NamedType;

import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * How the storage mapper sees a hierarchy stored as one entity: every type of it, root and concrete types, carries
 * its discriminator as a property of the JSON (written first, read back to choose the concrete type), named by the
 * mapping, not by Jackson annotations, so that the stored JSON is the mapping's whatever the application's mapper
 * does elsewhere. Reading a concrete type accepts only its own discriminator value.
 */
final class HierarchyIntrospector extends AnnotationIntrospectorPair {

	private final SingleTableMappingContext mappingContext;

	HierarchyIntrospector(AnnotationIntrospector delegate, SingleTableMappingContext mappingContext) {
		super(delegate, AnnotationIntrospector.nopInstance());
		this.mappingContext = mappingContext;
	}

	private @Nullable SingleTablePersistentEntity<?> member(Annotated annotated) {
		if (!(annotated instanceof AnnotatedClass type) || !SingleTableMappingContext.isEntityType(type.getRawType())) {
			return null;
		}
		SingleTablePersistentEntity<?> entity = this.mappingContext.getPersistentEntity(type.getRawType());
		return (entity != null && entity.getDiscriminator() != null) ? entity : null;
	}

	@Override
	public JsonTypeInfo.@Nullable Value findPolymorphicTypeInfo(MapperConfig<?> config, Annotated annotated) {
		SingleTablePersistentEntity<?> entity = member(annotated);
		if (entity == null) {
			return super.findPolymorphicTypeInfo(config, annotated);
		}
		return JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME, JsonTypeInfo.As.PROPERTY, entity.getDiscriminator(),
				null, false, Boolean.TRUE);
	}

	@Override
	public @Nullable List<NamedType> findSubtypes(MapperConfig<?> config, Annotated annotated) {
		SingleTablePersistentEntity<?> entity = member(annotated);
		if (entity == null || entity.getType() != entity.getRootType()) {
			return super.findSubtypes(config, annotated);
		}
		List<NamedType> subtypes = new ArrayList<>();
		entity.getSubtypes().forEach((value, subtype) -> subtypes.add(new NamedType(subtype, value)));
		return subtypes;
	}

	@Override
	public @Nullable String findTypeName(MapperConfig<?> config, AnnotatedClass annotated) {
		SingleTablePersistentEntity<?> entity = member(annotated);
		if (entity == null || entity.getType() == entity.getRootType()) {
			return super.findTypeName(config, annotated);
		}
		return entity.getSubtypes().keySet().iterator().next();
	}

}
