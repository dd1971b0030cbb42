package dev.singletable.console;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Records the address of the connection's peer on every request Tomcat serves (a request attribute, which no
 * client can set), as Tomcat's connector knows it: {@code Request.getPeerAddr()}, which the {@code RemoteIpValve}
 * of {@code server.forward-headers-strategy=native} does not rewrite.
 */
final class TomcatPeerValve extends ValveBase {

	TomcatPeerValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		request.setAttribute(ServletPeer.ATTRIBUTE, request.getPeerAddr());
		getNext().invoke(request, response);
	}

}
