package dev.singletable.console;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.console.probe.ProbeApplication;
import dev.singletable.console.probe.RawHttp;
import dev.singletable.console.probe.RawHttp.Response;
import dev.singletable.console.probe.ReactiveProbeApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console on WebFlux on Reactor Netty attacked over HTTP with forged headers (see
 * {@link ConsoleAttackIntegrationTests}): under {@code framework} ({@code ForwardedHeaderTransformer}) and
 * {@code native} (Reactor Netty's {@code forwarded} option, which believes every peer) a remote client claiming to be
 * loopback is refused, a rebinding Host too.
 */
class ConsoleWebFluxAttackIntegrationTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	@Test
	void forwardedHeadersDoNotMakeARemoteClientLoopbackUnderEitherStrategy() {
		List<InetAddress> remotes = ConsoleAttackIntegrationTests.nonLoopbackAddresses();
		assumeTrue(!remotes.isEmpty(), "this machine has no address but loopback: no peer can be remote");
		for (String strategy : List.of("framework", "native")) {
			try (ConfigurableApplicationContext app = ReactiveProbeApplication
				.start(ConsoleTests.uniqueTable("webflux-" + strategy), "server.forward-headers-strategy=" + strategy)) {
				int port = ProbeApplication.port(app);
				String host = "localhost:" + port;
				for (InetAddress remote : remotes) {
					// the application believes the header
					assertThat(RawHttp.get(remote, port, "/whoami", Map.of("Host", host, "X-Forwarded-For", "127.0.0.1"))
						.body()).as(strategy + " from " + remote).isEqualTo("127.0.0.1");
					for (Map<String, String> forged : List.of(Map.of("Host", host, "X-Forwarded-For", "127.0.0.1"),
							Map.of("Host", host, "Forwarded", "for=127.0.0.1"))) {
						Response refused = RawHttp.get(remote, port, "/singletable", forged);
						assertThat(refused.status()).as(strategy + " " + forged + " from " + remote).isEqualTo(403);
						assertThat(refused.body()).contains("loopback").doesNotContain("id=\"types\"");
					}
				}
				assertThat(RawHttp.get(LOOPBACK, port, "/singletable", Map.of("Host", host, "X-Forwarded-For", "192.0.2.99"))
					.status()).as(strategy).isEqualTo(200);
				assertThat(RawHttp.get(LOOPBACK, port, "/singletable",
						Map.of("Host", "attacker.example", "X-Forwarded-Host", "localhost")).status()).as(strategy)
					.isEqualTo(403);
			}
		}
	}

}
