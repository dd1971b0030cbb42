package dev.singletable.console;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * The address of a servlet request's peer, as the connection tells it: on Tomcat the connector's peer address
 * (which its {@code RemoteIpValve} leaves alone, recorded by {@link TomcatPeerValve}); elsewhere the container's
 * own request under every wrapper (so {@code ForwardedHeaderFilter}'s {@code getRemoteAddr()} is never read), unless
 * the server itself rewrites that address from forwarded headers ({@code server.forward-headers-strategy=native}),
 * in which case it is not known.
 */
final class ServletPeer {

	/** The request attribute under which {@link TomcatPeerValve} records the connection's peer address. */
	static final String ATTRIBUTE = ServletPeer.class.getName() + ".address";

	private ServletPeer() {
	}

	/**
	 * @param request the request, as the application's filters hand it over
	 * @param serverForwards whether the server rewrites the remote address from forwarded headers
	 * @return the peer's address, or {@literal null} when it is not known
	 */
	static @Nullable InetAddress of(ServletRequest request, boolean serverForwards) {
		if (request.getAttribute(ATTRIBUTE) instanceof String recorded) {
			return literal(recorded);
		}
		if (serverForwards) {
			return null;
		}
		ServletRequest container = request;
		while (container instanceof ServletRequestWrapper wrapper) {
			container = wrapper.getRequest();
		}
		return literal(container.getRemoteAddr());
	}

	/** The container's own request under every wrapper: its headers are as the client sent them. */
	static ServletRequest container(ServletRequest request) {
		ServletRequest container = request;
		while (container instanceof ServletRequestWrapper wrapper) {
			container = wrapper.getRequest();
		}
		return container;
	}

	/** An address literal (never a name: no lookup), or {@literal null}. */
	static @Nullable InetAddress literal(@Nullable String address) {
		if (address == null || address.isEmpty()) {
			return null;
		}
		String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1)
				: address;
		int scope = bare.indexOf('%');
		bare = (scope >= 0) ? bare.substring(0, scope) : bare; // an IPv6 zone names an interface, not the peer
		if (bare.isEmpty() || !bare.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
			return null;
		}
		try {
			return InetAddress.getByName(bare);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
