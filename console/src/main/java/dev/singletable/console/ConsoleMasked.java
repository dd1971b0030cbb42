package dev.singletable.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity property whose value the singletable console shows as {@code ••••} (in the latest state, every
 * version and diff, audit rows and raw items), as {@code singletable.console.masked-properties} does by name. It
 * changes nothing about how the property is stored or read by the application.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT, ElementType.ANNOTATION_TYPE })
public @interface ConsoleMasked {

}
