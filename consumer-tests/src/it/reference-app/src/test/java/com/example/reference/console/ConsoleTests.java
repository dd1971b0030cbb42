package com.example.reference.console;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as the reference page's application serves it (the embedded DynamoDB Local, no Spring Security): on
 * at /singletable for this machine, masking {@code @ConsoleMasked}; a page that rebinds its own name to this machine
 * reads nothing; a POST is refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ConsoleTests {

	@LocalServerPort
	int port;

	@Autowired
	SingleTableTemplate template;

	@Test
	void theConsoleAnswersThisMachineByItsOwnNamesOnly() throws IOException {
		template.save(new ApiClient("billing", "Billing", "sk-live-secret"));

		String page = send("GET /singletable/types/ApiClient/billing", "localhost:" + port, "");
		assertThat(page).startsWith("HTTP/1.1 200").contains("Billing", "••••").doesNotContain("sk-live-secret");

		String rebound = send("GET /singletable/types/ApiClient/billing", "attacker.example:" + port, "");
		assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain("Billing");

		String post = send("POST /singletable/types/ApiClient/billing/delete", "localhost:" + port,
				"Origin: http://localhost:" + port + "\r\n");
		assertThat(post).startsWith("HTTP/1.1 403").contains("read-only");
		assertThat(template.findById(ApiClient.class, "billing")).isPresent();
	}

	/** One request as a browser on another site could make it: its own Host, over a loopback connection. */
	private String send(String requestLine, String host, String headers) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Content-Length: 0\r\n"
					+ "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
