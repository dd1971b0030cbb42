package dev.singletable.console;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ConsoleOrigins}: the hosts the console answers to and the origin of its changes.
 */
class ConsoleOriginsTests {

	private final ConsoleOrigins origins = new ConsoleOrigins(List.of("Console.Internal", "[fd00::10]"));

	private static ConsoleRequest request(@Nullable String host, @Nullable String origin, @Nullable String fetchSite) {
		return new ConsoleRequest("POST", "/", Map.of(), null, null, null, host, origin, fetchSite);
	}

	@Test
	void loopbackNamesAndListedHostsAreAnswered() {
		for (String host : List.of("localhost", "localhost:8080", "LOCALHOST.", "127.0.0.1", "127.1.2.3:80", "[::1]:8080",
				"console.internal:443", "[fd00::10]:8080")) {
			assertThatNoException().as(host).isThrownBy(() -> this.origins.checkHost(request(host, null, null)));
		}
	}

	@Test
	void everyOtherHostIsRefused() {
		for (String host : new String[] { null, "", "attacker.example", "localhost.attacker.example", "127.0.0.1.nip.io",
				"128.0.0.1", "127.0.0.256", "[::2]", "::1", "0.0.0.0", "192.0.2.2:8080", "internal" }) {
			assertThatExceptionOfType(ConsoleException.class).as(String.valueOf(host))
				.isThrownBy(() -> this.origins.checkHost(request(host, null, null)));
		}
	}

	@Test
	void aChangeMustComeFromTheConsolesOwnOrigin() {
		assertThatNoException().isThrownBy(() -> this.origins.checkOrigin(request("localhost:8080", "http://localhost:8080", null)));
		assertThatNoException().isThrownBy(() -> this.origins.checkOrigin(request("localhost", "http://localhost", null)));
		assertThatNoException().isThrownBy(() -> this.origins.checkOrigin(request("localhost:80", "http://localhost", null)));
		assertThatNoException().isThrownBy(() -> this.origins.checkOrigin(request("console.internal", "https://console.internal", null)));
		assertThatNoException().isThrownBy(() -> this.origins.checkOrigin(request("localhost:8080", null, "same-origin")));
		for (String origin : List.of("http://localhost:8081", "http://127.0.0.1:8080", "null", "http://localhost:8080/x",
				"file://localhost:8080", "http://attacker.example")) {
			assertThatExceptionOfType(ConsoleException.class).as(origin)
				.isThrownBy(() -> this.origins.checkOrigin(request("localhost:8080", origin, "same-origin")));
		}
		for (String site : new String[] { null, "same-site", "cross-site", "none" }) {
			assertThatExceptionOfType(ConsoleException.class).as(String.valueOf(site))
				.isThrownBy(() -> this.origins.checkOrigin(request("localhost:8080", null, site)));
		}
	}

}
