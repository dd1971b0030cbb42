package dev.singletable.sample;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive sample serves every request of a keep-alive connection. Reactor Netty 1.3.7 (Spring Boot 4.1.1's)
 * buffers a request that arrives after the previous response was written but before that response's write completed;
 * when the buffered request is then answered at once (an invalid cursor: {@code 400} before any I/O), the server
 * stops reading the connection and the next request is never served (reactor-netty#4361: the sample's reactive
 * {@code DELETE} after a bad cursor hung so, now and then). Browsers and pooled HTTP clients reuse connections so;
 * the sample pins Reactor Netty 1.3.8, which resumes the read.
 * <p>
 * The interleaving is forced: a handler at the head of each connection's pipeline holds the completion of the
 * server's writes until the connection's next request has been read, so that request always arrives while the
 * previous response is still being written.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("reactive")
class ReactiveKeepAliveConnectionIntegrationTests {

	private static final String MISSING = "GET /api/articles/01ARZ3NDEKTSV4RRFFQ69G5FAV HTTP/1.1\r\nHost: localhost\r\n\r\n";

	private static final String BAD_CURSOR = "GET /api/articles?author=nobody&cursor=not-a-cursor HTTP/1.1\r\n"
			+ "Host: localhost\r\n\r\n";

	@LocalServerPort
	private int port;

	@Test
	void servesTheNextRequestAfterOneBufferedBehindAnUnfinishedWriteWasAnsweredAtOnce() throws Exception {
		// the first invalid cursor reads the table's cursor secret; from then on one is refused before any I/O
		try (Socket warmUp = new Socket("localhost", this.port)) {
			warmUp.setSoTimeout(15_000);
			send(warmUp.getOutputStream(), BAD_CURSOR);
			assertThat(readResponse(warmUp.getInputStream())).startsWith("HTTP/1.1 400");
		}
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			send(out, MISSING);
			assertThat(readResponse(in)).startsWith("HTTP/1.1 404");
			send(out, BAD_CURSOR);
			assertThat(readResponse(in)).startsWith("HTTP/1.1 400");
			send(out, MISSING);
			assertThat(readResponse(in)).as("the third request of the connection is answered").startsWith("HTTP/1.1 404");
		}
	}

	private static void send(OutputStream out, String request) throws IOException {
		out.write(request.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Reads one response and its {@code Content-Length} body; a read timeout fails the test.
	 */
	private static String readResponse(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new EOFException("Connection closed after: " + head);
			}
			head.append((char) next);
		}
		Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
		in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
		return head.toString();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class HeldWritesConfiguration {

		@Bean
		NettyServerCustomizer holdWritesUntilTheNextRead() {
			return (server) -> server
				.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline().addFirst(new HeldWrites()));
		}

	}

	/**
	 * Sends the server's bytes at once but completes the writes of the connection's first response only when its
	 * next bytes have been read and handled (what a slow network does to the end of a response); later writes
	 * complete as they are made.
	 */
	static final class HeldWrites extends ChannelDuplexHandler {

		private final List<ChannelPromise> held = new ArrayList<>();

		private boolean released;

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (promise.isVoid() || this.released) {
				ctx.write(msg, promise);
				return;
			}
			this.held.add(promise);
			ctx.write(msg, ctx.newPromise().addListener((written) -> {
				if (!written.isSuccess() && this.held.remove(promise)) {
					promise.tryFailure(written.cause());
				}
			}));
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			// completed in a task of its own, as a flush completes, not inside the read that buffered the request
			this.released = !this.held.isEmpty() || this.released;
			List<ChannelPromise> release = new ArrayList<>(this.held);
			this.held.clear();
			ctx.fireChannelRead(msg);
			ctx.executor().execute(() -> release.forEach(ChannelPromise::trySuccess));
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			this.held.forEach(ChannelPromise::trySuccess);
			this.held.clear();
			ctx.fireChannelInactive();
		}

	}

}
