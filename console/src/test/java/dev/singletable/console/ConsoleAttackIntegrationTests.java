package dev.singletable.console;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.console.probe.Customer;
import dev.singletable.console.probe.Folder;
import dev.singletable.console.probe.Invoice;
import dev.singletable.console.probe.Page;
import dev.singletable.console.probe.ProbeApplication;
import dev.singletable.console.probe.RawHttp;
import dev.singletable.console.probe.RawHttp.Response;
import dev.singletable.console.probe.Scan;
import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console attacked over HTTP as the attacker would (a raw socket: forged Host and forwarded headers, a peer
 * that is not loopback by connecting to this machine's own non-loopback addresses), on Tomcat without Spring
 * Security, changes allowed: forwarded headers under the {@code framework} and {@code native} strategies, a
 * rebinding Host, a change from another origin with a tossed cookie, blobs that would run; each refused. And what
 * the console must reach: ids with {@code /} and {@code \}, the collection of the reference documentation, blobs of
 * an invalid content type, out-of-range versions, POSTs to pages.
 */
class ConsoleAttackIntegrationTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private static @Nullable ConfigurableApplicationContext app;

	@BeforeAll
	static void start() {
		app = ProbeApplication.start(ConsoleTests.uniqueTable("attack"), "singletable.console.allowed-hosts=console.internal");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	private static int port() {
		return ProbeApplication.port(app);
	}

	private static SingleTableTemplate template() {
		return app.getBean(SingleTableTemplate.class);
	}

	private static Map<String, String> headers(String... pairs) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i + 1 < pairs.length; i += 2) {
			headers.put(pairs[i], pairs[i + 1]);
		}
		return headers;
	}

	/** This machine's addresses that are not loopback (nor link-local, which needs a scope). */
	static List<InetAddress> nonLoopbackAddresses() {
		List<InetAddress> addresses = new ArrayList<>();
		try {
			for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
				if (network.isUp() && !network.isLoopback()) {
					network.inetAddresses()
						.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
						.forEach(addresses::add);
				}
			}
		}
		catch (SocketException ex) {
			throw new IllegalStateException(ex);
		}
		return addresses;
	}

	private static String hostHeader(InetAddress address, int port) {
		return ((address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]" : address.getHostAddress())
				+ ":" + port;
	}

	// --- 1. who is asking: the connection, not a header

	@Test
	void forwardedHeadersDoNotMakeARemoteClientLoopbackUnderTheFrameworkStrategy() {
		List<InetAddress> remotes = nonLoopbackAddresses();
		assumeTrue(!remotes.isEmpty(), "this machine has no address but loopback: no peer can be remote");
		InetAddress remote = remotes.get(0);
		try (ConfigurableApplicationContext framework = ProbeApplication.start(ConsoleTests.uniqueTable("framework"),
				"server.forward-headers-strategy=framework")) {
			int port = ProbeApplication.port(framework);
			String host = "localhost:" + port;
			// the application believes the header: ForwardedHeaderFilter rewrote getRemoteAddr()
			assertThat(RawHttp.get(remote, port, "/whoami", headers("Host", host, "X-Forwarded-For", "127.0.0.1")).body())
				.isEqualTo("127.0.0.1");
			for (Map<String, String> forged : List.of(headers("Host", host, "X-Forwarded-For", "127.0.0.1"),
					headers("Host", host, "Forwarded", "for=127.0.0.1"),
					headers("Host", host, "Forwarded", "for=\"[::1]\""))) {
				Response refused = RawHttp.get(remote, port, "/singletable", forged);
				assertThat(refused.status()).as(forged + " from " + remote).isEqualTo(403);
				assertThat(refused.body()).contains("loopback").doesNotContain("id=\"types\"");
			}
			// and the other way round: a loopback connection naming a remote client is loopback
			assertThat(RawHttp.get(LOOPBACK, port, "/whoami", headers("Host", host, "X-Forwarded-For", "192.0.2.99"))
				.body()).isEqualTo("192.0.2.99");
			assertThat(RawHttp.get(LOOPBACK, port, "/singletable", headers("Host", host, "X-Forwarded-For", "192.0.2.99"))
				.status()).isEqualTo(200);
		}
	}

	@Test
	void forwardedHeadersDoNotMakeARemoteClientLoopbackUnderTheNativeStrategy() {
		try (ConfigurableApplicationContext nativeApp = ProbeApplication.start(ConsoleTests.uniqueTable("native"),
				"server.forward-headers-strategy=native")) {
			int port = ProbeApplication.port(nativeApp);
			String host = "localhost:" + port;
			// Tomcat's RemoteIpValve trusts private ranges (fd00::/8, 10/8, 192.168/16...) as proxies: a client
			// connecting from such an address is believed about the client it forwards for
			List<InetAddress> trusted = new ArrayList<>();
			for (InetAddress remote : nonLoopbackAddresses()) {
				if ("127.0.0.1".equals(RawHttp.get(remote, port, "/whoami",
						headers("Host", host, "X-Forwarded-For", "127.0.0.1")).body())) {
					trusted.add(remote);
				}
			}
			for (InetAddress remote : trusted) {
				for (Map<String, String> forged : List.of(headers("Host", host, "X-Forwarded-For", "127.0.0.1"),
						headers("Host", host, "X-Forwarded-For", "::1", "X-Forwarded-Host", "localhost"))) {
					Response refused = RawHttp.get(remote, port, "/singletable", forged);
					assertThat(refused.status()).as(forged + " from " + remote).isEqualTo(403);
					assertThat(refused.body()).doesNotContain("id=\"types\"");
				}
			}
			// the decision is the connection's: a loopback peer forwarding for a remote client is loopback, which the
			// application does not believe (whoami), and the console does
			assertThat(RawHttp.get(LOOPBACK, port, "/whoami", headers("Host", host, "X-Forwarded-For", "192.0.2.99"))
				.body()).isEqualTo("192.0.2.99");
			assertThat(RawHttp.get(LOOPBACK, port, "/singletable", headers("Host", host, "X-Forwarded-For", "192.0.2.99"))
				.status()).isEqualTo(200);
			// a forwarded Host does not replace the Host the request was sent to
			assertThat(RawHttp.get(LOOPBACK, port, "/singletable",
					headers("Host", "attacker.example", "X-Forwarded-Host", "localhost")).status()).isEqualTo(403);
			assumeTrue(!trusted.isEmpty(), "this machine has no address Tomcat trusts as a proxy (private or "
					+ "unique-local): the remote probe of the native strategy could not run");
		}
	}

	// --- 2. a rebinding Host

	@Test
	void aRebindingHostIsRefusedBeforeAnythingIsRead() {
		Page page = template().create(new Page(null, null, "rebinding", "<p>hello</p>", "1;"));
		String resource = "/singletable/types/Page/" + page.id();
		for (String host : List.of("attacker.example", "attacker.example:" + port(), "localhost.attacker.example",
				"127.0.0.1.nip.io:" + port(), "192.0.2.2:" + port())) {
			for (String path : List.of("/singletable", resource, resource + "/delete", resource + "/blobs/html",
					"/singletable/types/Page")) {
				Response refused = RawHttp.get(LOOPBACK, port(), path, headers("Host", host));
				assertThat(refused.status()).as(host + " " + path).isEqualTo(403);
				assertThat(refused.body()).contains("does not answer requests for host")
					.doesNotContain("rebinding", "hello", ConsoleRequest.CSRF_NAME);
			}
		}
		for (String host : List.of("localhost:" + port(), "127.0.0.1:" + port(), "[::1]:" + port(), "LOCALHOST",
				"console.internal:" + port())) {
			assertThat(RawHttp.get(LOOPBACK, port(), resource, headers("Host", host)).status()).as(host).isEqualTo(200);
		}
	}

	// --- 3. changes from another origin, with a cookie the attacker tossed

	@Test
	void aChangeFromAnotherOriginIsRefusedWhateverCookieAndFieldItCarries() {
		Page page = template().create(new Page(null, null, "kept", "<p>kept</p>", "1;"));
		String delete = "/singletable/types/Page/" + page.id() + "/delete";
		String host = "127.0.0.1:" + port();
		String tossed = ConsoleRequest.CSRF_NAME + "=tossed";
		// the cookie-tossing attack of the console before: a cookie the form repeats
		Response tossedCookie = RawHttp.send(LOOPBACK, port(), "POST", delete, headers("Host", host, "Origin",
				"http://127.0.0.1:" + (port() + 1), "Cookie", tossed), tossed);
		assertThat(tossedCookie.status()).isEqualTo(403);
		// even from the console's origin a token the server did not issue is refused
		Response sameOrigin = RawHttp.send(LOOPBACK, port(), "POST", delete,
				headers("Host", host, "Origin", "http://" + host, "Cookie", tossed), tossed);
		assertThat(sameOrigin.status()).isEqualTo(403);
		assertThat(sameOrigin.body()).contains("no valid CSRF token");
		// and a token the server issued is refused from another origin or without one
		String token = ConsoleTests.csrfToken(RawHttp.get(LOOPBACK, port(), delete, headers("Host", host)).body());
		String form = ConsoleRequest.CSRF_NAME + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		assertThat(RawHttp.send(LOOPBACK, port(), "POST", delete, headers("Host", host, "Origin",
				"http://127.0.0.1:" + (port() + 1)), form).status()).isEqualTo(403);
		assertThat(RawHttp.send(LOOPBACK, port(), "POST", delete, headers("Host", host, "Origin", "null"), form).status())
			.isEqualTo(403);
		assertThat(RawHttp.send(LOOPBACK, port(), "POST", delete, headers("Host", host, "Sec-Fetch-Site", "same-site"),
				form).status()).isEqualTo(403);
		assertThat(template().findById(Page.class, page.id())).isPresent();
		assertThat(RawHttp.send(LOOPBACK, port(), "POST", delete, headers("Host", host, "Origin", "http://" + host), form)
			.status()).isEqualTo(303);
		assertThat(template().findById(Page.class, page.id())).isEmpty();
	}

	// --- 4. blobs never run on the console's origin

	@Test
	void blobsAreSandboxedDownloadsNamedWithTheirTypesExtensionAndNeverPreviewedAsMarkup() {
		Page page = template().create(new Page(null, null, "blobs", "<script>alert(1)</script>", "alert(2);"));
		String resource = "/singletable/types/Page/" + page.id();
		String host = "localhost:" + port();
		Response html = RawHttp.get(LOOPBACK, port(), resource + "/blobs/html", headers("Host", host));
		assertThat(html.status()).isEqualTo(200);
		assertThat(html.header("Content-Disposition")).isEqualTo("attachment; filename=\"html.html\"");
		assertThat(html.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
		assertThat(html.header("X-Content-Type-Options")).isEqualTo("nosniff");
		Response script = RawHttp.get(LOOPBACK, port(), resource + "/blobs/script", headers("Host", host));
		assertThat(script.header("Content-Disposition")).isEqualTo("attachment; filename=\"script.js\"");
		assertThat(script.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
		String pageHtml = RawHttp.get(LOOPBACK, port(), resource, headers("Host", host)).body();
		assertThat(pageHtml).contains("download=\"html.html\"", "download=\"script.js\"")
			.doesNotContain("<script>alert", "<iframe", "<object", "<embed")
			.doesNotContain("src=\"" + resource + "/blobs/html\"", "src=\"" + resource + "/blobs/script\"");
	}

	@Test
	void aBlobWhoseDeclaredTypeIsInvalidDownloadsAsOctetStreamWithTheSecurityHeaders() {
		template().save(new Scan("scan-1", new byte[] { 1, 2, 3 }));
		String host = "localhost:" + port();
		Response blob = RawHttp.get(LOOPBACK, port(), "/singletable/types/Scan/scan-1/blobs/data", headers("Host", host));
		assertThat(blob.status()).isEqualTo(200);
		assertThat(blob.header("Content-Type")).isEqualTo("application/octet-stream");
		assertThat(blob.header("Content-Disposition")).isEqualTo("attachment; filename=\"data.bin\"");
		assertThat(blob.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
		assertThat(blob.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(RawHttp.get(LOOPBACK, port(), "/singletable/types/Scan/scan-1", headers("Host", host)).body())
			.contains("The declared content type &#39;not-a-type&#39; is not a valid media type");
		// an error page carries them too
		Response missing = RawHttp.get(LOOPBACK, port(), "/singletable/types/Scan/none/blobs/data", headers("Host", host));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Security-Policy")).contains("default-src 'self'");
		assertThat(missing.header("X-Content-Type-Options")).isEqualTo("nosniff");
	}

	// --- what the console must reach

	@Test
	void anIdWithSlashAndBackslashOpensIsDiffedAndRestored() {
		String id = "docs/2024\\report;v=1%~";
		Folder v1 = template().create(new Folder(id, null, "first", Map.of("team", "core")));
		Folder v2 = template().update(v1.withName("second"));
		template().update(v2.withName("third"));
		String host = "localhost:" + port();
		String list = RawHttp.get(LOOPBACK, port(), "/singletable/types/Folder", headers("Host", host)).body();
		Matcher link = Pattern.compile("href=\"([^\"]+)\" class=\"resource-link\"").matcher(list);
		assertThat(link.find()).isTrue();
		String resource = link.group(1);
		Response page = RawHttp.get(LOOPBACK, port(), resource + "?from=1&to=3", headers("Host", host));
		assertThat(page.status()).as(resource + ": " + page.body()).isEqualTo(200);
		assertThat(page.body()).contains("docs/2024\\report;v=1%~", "id=\"diff-table\"", "&quot;first&quot;",
				"&quot;third&quot;");
		// a map attribute of the raw item is JSON, not the SDK's text
		assertThat(page.body()).contains("{&quot;team&quot;:&quot;core&quot;}").doesNotContain("AttributeValue(");
		// an out-of-range version is refused, naming the versions
		Response beyond = RawHttp.get(LOOPBACK, port(), resource + "?from=1&to=9", headers("Host", host));
		assertThat(beyond.status()).isEqualTo(400);
		assertThat(beyond.body()).contains("Version 9", "1 to 3");
		String token = ConsoleTests.csrfToken(
				RawHttp.get(LOOPBACK, port(), resource + "/restore?version=1", headers("Host", host)).body());
		Response restored = RawHttp.send(LOOPBACK, port(), "POST", resource + "/restore?version=1",
				headers("Host", host, "Origin", "http://" + host),
				ConsoleRequest.CSRF_NAME + "=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
		assertThat(restored.status()).as(restored.body()).isEqualTo(303);
		assertThat(template().getById(Folder.class, id).name()).isEqualTo("first");
	}

	@Test
	void invisibleAndBidirectionalCharactersAreShownEscaped() {
		Folder folder = template().create(new Folder("bidi-1", null, "\u202Egnp.exe\u200B", Map.of()));
		String body = RawHttp.get(LOOPBACK, port(), "/singletable/types/Folder/" + folder.id(),
				headers("Host", "localhost:" + port())).body();
		assertThat(body).contains("[U+202E]gnp.exe[U+200B]").doesNotContain("\u202E", "\u200B");
	}

	@Test
	void theCollectionOfTheReferenceDocumentationShowsTheCustomerAndItsInvoices() {
		template().save(new Customer("c-42", "Ada"));
		template().save(new Invoice("inv-1", "c-42", 1200, false));
		template().save(new Invoice("inv-2", "c-7", 300, true));
		Response collection = RawHttp.get(LOOPBACK, port(), "/singletable/collections/gsi1?partition=customer%23c-42",
				headers("Host", "localhost:" + port()));
		assertThat(collection.status()).isEqualTo(200);
		assertThat(collection.body()).contains("class=\"collection-group\" data-type=\"Customer\"",
				"class=\"collection-group\" data-type=\"Invoice\"", "inv-1", "Ada").doesNotContain("inv-2");
	}

	@Test
	void aPostToAPageThatIsNoChangeIsForbidden() {
		String host = "localhost:" + port();
		for (String path : List.of("/singletable", "/singletable/types/Page", "/singletable/assets/console.css",
				"/singletable/nowhere")) {
			Response post = RawHttp.send(LOOPBACK, port(), "POST", path, headers("Host", host, "Origin", "http://" + host),
					"a=b");
			assertThat(post.status()).as(path).isEqualTo(403);
			assertThat(post.header("Content-Security-Policy")).isNotNull();
		}
	}

	@Test
	void typeCountsAreNotTrackedUnlessCountsAreOn() {
		assertThat(RawHttp.get(LOOPBACK, port(), "/singletable", headers("Host", "localhost:" + port())).body())
			.contains("<td class=\"type-count\">not tracked</td>").doesNotContain("—");
	}

}
