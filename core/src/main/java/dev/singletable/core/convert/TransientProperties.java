package dev.singletable.core.convert;

import org.springframework.data.annotation.Transient;

import dev.singletable.core.mapping.BlobField;

import tools.jackson.core.Version;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;

/**
 * Makes the storage JSON mapper skip properties annotated with Spring Data's {@link Transient @Transient}, as the
 * mapping context does: such a property is neither written (as an attribute or inside the compressed
 * {@code data}) nor read, so a read leaves it at its default. The annotation may sit on the field, the getter or
 * the record component. {@link BlobField @BlobField} properties are skipped the same way: their values live in S3,
 * and a read leaves them {@literal null} until they are loaded.
 */
final class TransientProperties extends JacksonModule {

	@Override
	public String getModuleName() {
		return "singletable-transient-properties";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.insertAnnotationIntrospector(new Introspector());
	}

	private static final class Introspector extends NopAnnotationIntrospector {

		@Override
		public boolean hasIgnoreMarker(MapperConfig<?> config, AnnotatedMember member) {
			return member.hasAnnotation(Transient.class) || member.hasAnnotation(BlobField.class);
		}

	}

}
