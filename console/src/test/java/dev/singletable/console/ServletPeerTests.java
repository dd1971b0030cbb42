package dev.singletable.console;

import java.net.InetAddress;

import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServletPeer}: the peer is the container's, under every wrapper, or what Tomcat's connector
 * recorded; never a name, and unknown when the server itself rewrites the address.
 */
class ServletPeerTests {

	@Test
	void theContainersAddressUnderEveryWrapper() throws Exception {
		MockHttpServletRequest container = new MockHttpServletRequest();
		container.setRemoteAddr("192.0.2.2");
		HttpServletRequestWrapper forwarded = new HttpServletRequestWrapper(container) {

			@Override
			public String getRemoteAddr() {
				return "127.0.0.1";
			}

		};
		assertThat(ServletPeer.of(new HttpServletRequestWrapper(forwarded), false))
			.isEqualTo(InetAddress.getByName("192.0.2.2"));
		assertThat(ServletPeer.of(forwarded, true)).isNull();
	}

	@Test
	void whatTomcatsConnectorRecordedComesFirst() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("127.0.0.1");
		request.setAttribute(ServletPeer.ATTRIBUTE, "fd00:0:0:0:0:0:0:2%eth0");
		assertThat(ServletPeer.of(request, true)).isEqualTo(InetAddress.getByName("fd00::2"));
	}

	@Test
	void onlyAddressLiteralsAreRead() {
		assertThat(ServletPeer.literal("localhost")).isNull();
		assertThat(ServletPeer.literal("attacker.example")).isNull();
		assertThat(ServletPeer.literal("")).isNull();
		assertThat(ServletPeer.literal("[::1]")).isNotNull().satisfies((address) -> assertThat(address.isLoopbackAddress()).isTrue());
	}

}
