package dev.singletable.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Annotation for a test class that imports the single-table auto-configuration (template, repositories, the
 * embedded DynamoDB Local) without the rest of {@link DataSingleTableTest @DataSingleTableTest}, for example to add
 * it to another slice. The auto-configuration classes are listed in
 * {@code META-INF/spring/dev.singletable.test.autoconfigure.AutoConfigureDataSingleTable.imports}.
 *
 * @see DataSingleTableTest
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureDataSingleTable {

}
