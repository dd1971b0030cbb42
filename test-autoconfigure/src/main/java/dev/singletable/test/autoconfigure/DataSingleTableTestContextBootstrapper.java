package dev.singletable.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.test.context.TestContextBootstrapper;

/**
 * {@link TestContextBootstrapper} for {@link DataSingleTableTest @DataSingleTableTest}: adds its
 * {@code properties} to the environment.
 */
class DataSingleTableTestContextBootstrapper extends TestSliceTestContextBootstrapper<DataSingleTableTest> {

}
