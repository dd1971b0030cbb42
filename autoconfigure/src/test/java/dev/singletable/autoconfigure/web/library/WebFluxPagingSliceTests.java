package dev.singletable.autoconfigure.web.library;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableReactiveRepositoriesAutoConfiguration;

/**
 * {@link LibraryWebFluxTests} in a {@code @WebFluxTest} slice of the controller, with the storage added as
 * {@code @AutoConfigureDataSingleTable} adds it: the slice brings the {@code Pageable} and {@code Sort} arguments,
 * the JSON of slices and windows and the problem responses by itself.
 */
@WebFluxTest(controllers = BookController.class)
@ImportAutoConfiguration({ SingleTableAutoConfiguration.class, SingleTableReactiveAutoConfiguration.class,
		SingleTableReactiveRepositoriesAutoConfiguration.class })
class WebFluxPagingSliceTests extends LibraryWebFluxTests {

	private static final String TABLE = TestTables.uniqueName("webflux-paging-slice");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, TABLE);
	}

}
