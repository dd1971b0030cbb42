package dev.singletable.console;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Who may use the console: without Spring Security, clients whose connection comes from the loopback address only
 * unless remote clients are allowed; with it, authenticated users with the role.
 */
interface ConsoleAccess {

	/**
	 * Refuses a request the console must not answer.
	 * @param request the request
	 * @throws ConsoleException 401 or 403 saying why
	 */
	void check(ConsoleRequest request);

	/**
	 * The rule without Spring Security: the address of the connection's peer, as the socket tells it (a
	 * {@code X-Forwarded-For} or {@code Forwarded} header, and what the server or the application's forwarded-header
	 * handling made of it, never decide).
	 * @param allowRemote whether clients other than loopback ones are answered
	 * @return the rule
	 */
	static ConsoleAccess byAddress(boolean allowRemote) {
		return (request) -> {
			if (allowRemote) {
				return;
			}
			if (request.peerAddress() == null) {
				throw ConsoleException.forbidden("The singletable console cannot tell the address of this connection's "
						+ "peer (this server rewrites it from forwarded headers, server.forward-headers-strategy=native, "
						+ "and does not keep the socket's), so it answers no one. Use "
						+ "server.forward-headers-strategy=framework or none, or add Spring Security and give users the "
						+ "console's role.");
			}
			if (!isLoopback(request.peerAddress())) {
				throw ConsoleException.forbidden("The singletable console answers only connections from this machine "
						+ "(loopback). Set singletable.console.allow-remote=true to answer others, or add Spring Security "
						+ "and give users the console's role.");
			}
		};
	}

	static boolean isLoopback(@Nullable InetAddress address) {
		return address != null && address.isLoopbackAddress();
	}

}
