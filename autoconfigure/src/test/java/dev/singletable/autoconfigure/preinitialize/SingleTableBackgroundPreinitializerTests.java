package dev.singletable.autoconfigure.preinitialize;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Tests for {@link SingleTableBackgroundPreinitializer} and the {@link StartupWarmUp} it runs: every step must
 * succeed without a server (a step that fails is swallowed at start-up, so a broken one would only silently stop
 * warming), and the warm-up is skipped where Spring Boot skips its own.
 */
class SingleTableBackgroundPreinitializerTests {

	@AfterEach
	void clearProperty() {
		System.clearProperty(SingleTableBackgroundPreinitializer.IGNORE_PROPERTY);
	}

	@Test
	void sendsTheStartUpRequestsThroughTheSdkPipelineWithoutAServer() {
		assertThatCode(StartupWarmUp::sendRequests).doesNotThrowAnyException();
	}

	@Test
	void buildsAClientWithTheDefaultHttpClientAndClosesIt() {
		assertThatCode(StartupWarmUp::buildClient).doesNotThrowAnyException();
	}

	@Test
	void writesAndCompressesAnItemsJson() {
		assertThatCode(StartupWarmUp::mapJson).doesNotThrowAnyException();
	}

	@Test
	void runsWhenTheSdkIsPresent() {
		assertThat(SingleTableBackgroundPreinitializer.enabled(getClass().getClassLoader()))
			.isEqualTo(Runtime.getRuntime().availableProcessors() > 1);
	}

	@Test
	void isSkippedWithSpringBootsIgnoreProperty() {
		System.setProperty(SingleTableBackgroundPreinitializer.IGNORE_PROPERTY, "true");
		assertThat(SingleTableBackgroundPreinitializer.enabled(getClass().getClassLoader())).isFalse();
	}

	@Test
	void isSkippedWithoutTheSdk() throws Exception {
		try (URLClassLoader withoutSdk = new URLClassLoader(new URL[0], null)) {
			assertThat(SingleTableBackgroundPreinitializer.enabled(withoutSdk)).isFalse();
		}
	}

}
