package dev.singletable.test.autoconfigure;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * {@link TypeExcludeFilter} for {@link DataSingleTableTest @DataSingleTableTest}: component scanning includes no
 * bean unless the test's filters say so (entities and repositories are not components; the auto-configuration
 * finds them).
 */
class DataSingleTableTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DataSingleTableTest> {

	DataSingleTableTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

}
