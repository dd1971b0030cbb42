package dev.singletable.console.probe;

import java.net.InetSocketAddress;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reactive twin of {@link ProbeApplication} (its properties): WebFlux on Reactor Netty on a real port, without
 * Spring Security (nor Tomcat);
 * {@code /whoami} answers the remote address the application believes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class ReactiveProbeApplication {

	@GetMapping("/whoami")
	String whoami(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		return (remote != null) ? remote.getHostString() : "unknown";
	}

	/**
	 * Starts the application on its own table.
	 * @param table the table
	 * @param properties further properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String table, String... properties) {
		return new SpringApplicationBuilder(ReactiveProbeApplication.class).web(WebApplicationType.REACTIVE)
			.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.springframework.security",
					"org.apache.catalina")))
			.properties(ProbeApplication.properties(table, properties))
			.run();
	}

}
