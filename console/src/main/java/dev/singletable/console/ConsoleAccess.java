package dev.singletable.console;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/**
 * Who may use the console: without Spring Security, loopback clients only unless remote clients are allowed; with
 * it, authenticated users with the role.
 */
interface ConsoleAccess {

	/**
	 * Refuses a request the console must not answer.
	 * @param request the request
	 * @throws ConsoleException 401 or 403 saying why
	 */
	void check(ConsoleRequest request);

	/**
	 * The rule without Spring Security: the client's address.
	 * @param allowRemote whether clients other than loopback ones are answered
	 * @return the rule
	 */
	static ConsoleAccess byAddress(boolean allowRemote) {
		return (request) -> {
			if (!allowRemote && !isLoopback(request.remoteAddress())) {
				throw ConsoleException.forbidden("The singletable console answers only requests from this machine "
						+ "(loopback). Set singletable.console.allow-remote=true to answer others, or add Spring Security "
						+ "and give users the console's role.");
			}
		};
	}

	static boolean isLoopback(@Nullable InetAddress address) {
		return address != null && address.isLoopbackAddress();
	}

}
