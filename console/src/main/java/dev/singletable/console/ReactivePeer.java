package dev.singletable.console;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;

/**
 * The address of a reactive request's peer, as the connection tells it: from the server's own request under every
 * decorator and mutation (so {@code ForwardedHeaderTransformer}'s remote address is never read): Reactor Netty's
 * channel (whose address its {@code forwarded} option does not rewrite), or a servlet container's request (see
 * {@link ServletPeer}).
 */
final class ReactivePeer {

	private static final boolean NETTY = ClassUtils.isPresent("reactor.netty.Connection",
			ReactivePeer.class.getClassLoader());

	private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.ServletRequest",
			ReactivePeer.class.getClassLoader());

	private ReactivePeer() {
	}

	/**
	 * @param request the request as the application's filters hand it over
	 * @param serverForwards whether the server rewrites the remote address from forwarded headers
	 * @return the peer's address, or {@literal null} when it is not known
	 */
	static @Nullable InetAddress of(ServerHttpRequest request, boolean serverForwards) {
		Object server;
		try {
			server = ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		catch (IllegalStateException ex) {
			// no server at all (Spring's mock request, as tests bind a client to the application): its own address
			return serverForwards ? null : address(request.getRemoteAddress());
		}
		if (NETTY && server instanceof reactor.netty.Connection connection) {
			return address(connection.channel().remoteAddress());
		}
		if (SERVLET && server instanceof jakarta.servlet.ServletRequest servlet) {
			return ServletPeer.of(servlet, serverForwards);
		}
		return null;
	}

	private static @Nullable InetAddress address(@Nullable SocketAddress address) {
		return (address instanceof InetSocketAddress socket) ? socket.getAddress() : null;
	}

}
