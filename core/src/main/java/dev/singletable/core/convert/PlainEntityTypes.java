package dev.singletable.core.convert;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;

/**
 * Tells the entity types whose stored shape is known without Jackson: the default storage mapper
 * ({@link StorageJsonMapper#create()}) writes every component of a Java record under its own name, and an interface
 * (the root of a sealed hierarchy) has no properties of its own to write, unless a Jackson annotation (on the type,
 * a supertype, a field, method, constructor or parameter, or inside an annotation) says otherwise. A plain type's
 * checks are therefore those of {@link EntityShapes} without the mapper: the names it stores and where they
 * collide with the item layout, the discriminator or the TTL attribute. Any other type (a class, a Kotlin class, a
 * type annotated for Jackson, a type keeping unmapped attributes) is not plain, and only the mapper can check it.
 */
final class PlainEntityTypes {

	private static final String[] JACKSON_PACKAGES = { "com.fasterxml.jackson.", "tools.jackson." };

	private PlainEntityTypes() {
	}

	/**
	 * Checks the known entity types of a mapping context as a converter on the default storage mapper would, when
	 * all of them are plain.
	 * @return whether they were all plain, and so checked; {@literal false}, with nothing checked, otherwise
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException as the converter would
	 */
	static boolean check(SingleTableMappingContext mappingContext) {
		for (SingleTablePersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			if (!isPlain(entity) || !plainSubtypes(mappingContext, entity)) {
				return false;
			}
		}
		EntityShapes shapes = new EntityShapes(mappingContext, new PlainStoredNames(), false);
		for (SingleTablePersistentEntity<?> entity : mappingContext.getPersistentEntities()) {
			shapes.get(entity.getType());
		}
		return true;
	}

	/** Whether the types of an entity's hierarchy, which its shape is checked with, are plain too. */
	private static boolean plainSubtypes(SingleTableMappingContext mappingContext,
			SingleTablePersistentEntity<?> entity) {
		for (Class<?> subtype : entity.getSubtypes().values()) {
			SingleTablePersistentEntity<?> member;
			try {
				member = mappingContext.getRequiredPersistentEntity(subtype);
			}
			catch (RuntimeException ex) {
				// the converter's check names what is wrong with it
				return false;
			}
			if (!isPlain(member)) {
				return false;
			}
		}
		return true;
	}

	static boolean isPlain(SingleTablePersistentEntity<?> entity) {
		Class<?> type = entity.getType();
		if (!(type.isRecord() || type.isInterface()) || KotlinSupport.isKotlinClass(type)
				|| entity.getUnmappedAttributesProperty() != null) {
			return false;
		}
		Deque<Class<?>> pending = new ArrayDeque<>();
		Set<Class<?>> seen = new HashSet<>();
		pending.add(type);
		while (!pending.isEmpty()) {
			Class<?> current = pending.poll();
			if (current == Object.class || current == Record.class || !seen.add(current)) {
				continue;
			}
			if (annotatedForJackson(current)) {
				return false;
			}
			for (Class<?> supertype : current.getInterfaces()) {
				pending.add(supertype);
			}
			if (current.getSuperclass() != null) {
				pending.add(current.getSuperclass());
			}
		}
		return true;
	}

	private static boolean annotatedForJackson(Class<?> type) {
		if (jackson(type)) {
			return true;
		}
		for (Field field : type.getDeclaredFields()) {
			if (jackson(field)) {
				return true;
			}
		}
		for (Method method : type.getDeclaredMethods()) {
			if (jackson(method) || jackson(method.getParameterAnnotations())) {
				return true;
			}
		}
		for (Constructor<?> constructor : type.getDeclaredConstructors()) {
			if (jackson(constructor) || jackson(constructor.getParameterAnnotations())) {
				return true;
			}
		}
		RecordComponent[] components = type.getRecordComponents();
		if (components != null) {
			for (RecordComponent component : components) {
				if (jackson(component)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean jackson(AnnotatedElement element) {
		return jackson(element.getDeclaredAnnotations());
	}

	private static boolean jackson(Annotation[][] parameters) {
		for (Annotation[] annotations : parameters) {
			if (jackson(annotations)) {
				return true;
			}
		}
		return false;
	}

	private static boolean jackson(Annotation[] annotations) {
		for (Annotation annotation : annotations) {
			Class<? extends Annotation> annotationType = annotation.annotationType();
			if (fromJackson(annotationType)) {
				return true;
			}
			// an annotation of the application's that bundles Jackson's (@JacksonAnnotationsInside)
			for (Annotation meta : annotationType.getDeclaredAnnotations()) {
				if (fromJackson(meta.annotationType())) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean fromJackson(Class<?> annotationType) {
		String name = annotationType.getName();
		for (String prefix : JACKSON_PACKAGES) {
			if (name.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * How the default storage mapper names and writes the properties of a plain type, without the mapper: each
	 * under its own name (no naming strategy, no Jackson annotation), and every record component written.
	 */
	private static final class PlainStoredNames implements EntityShapes.StoredNames {

		@Override
		public String of(SingleTablePersistentProperty property) {
			return property.getName();
		}

		@Override
		public void registerSystemNames(Class<?> type, Map<String, String> systemNames) {
			// no mapper to tell: the converter that stores the type registers them with its own
		}

		@Override
		public void requireSerialized(Class<?> type, Map<String, String> storedNames) {
			// a record's components are its accessors, which the default storage mapper always writes
		}

	}

}
