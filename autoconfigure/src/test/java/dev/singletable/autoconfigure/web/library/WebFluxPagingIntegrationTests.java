package dev.singletable.autoconfigure.web.library;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.singletable.autoconfigure.TestTables;

/**
 * {@link LibraryWebFluxTests} in the whole {@link LibraryApplication} on WebFlux, every auto-configuration on.
 */
@SpringBootTest(properties = "spring.main.web-application-type=reactive")
class WebFluxPagingIntegrationTests extends LibraryWebFluxTests {

	private static final String TABLE = TestTables.uniqueName("webflux-paging-app");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		register(registry, TABLE);
	}

}
