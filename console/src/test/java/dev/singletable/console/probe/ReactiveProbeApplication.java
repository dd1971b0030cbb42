package dev.singletable.console.probe;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

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

import dev.singletable.test.DynamoDbLocal;

/**
 * The reactive twin of {@link ProbeApplication}: WebFlux on Reactor Netty on a real port, without Spring Security;
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
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"singletable.endpoint=" + DynamoDbLocal.endpoint(), "singletable.table-name=" + table,
				"singletable.table.create=create-if-missing", "singletable.console.enabled=true",
				"singletable.console.read-only=false", "singletable.blobs.bucket=" + table));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(ReactiveProbeApplication.class).web(WebApplicationType.REACTIVE)
			.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.springframework.security",
					"org.apache.catalina")))
			.properties(all.toArray(String[]::new))
			.run();
	}

}
