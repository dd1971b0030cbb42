package dev.singletable.console.probe;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.singletable.test.DynamoDbLocal;

/**
 * The application the console's attack probes run against: Spring MVC on Tomcat on a real port (every interface,
 * so that a client can connect from this machine's non-loopback addresses), without Spring Security (its classes
 * hidden), changes allowed, blobs in the embedded S3, the types of this package. {@code /whoami} answers what the
 * application believes the client's address is ({@code getRemoteAddr()} after its forwarded-header handling), which
 * shows that a probe's forged header did reach the application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class ProbeApplication {

	@GetMapping("/whoami")
	String whoami(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

	/**
	 * Starts the application on its own table.
	 * @param table the table
	 * @param properties further properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String table, String... properties) {
		return new SpringApplicationBuilder(ProbeApplication.class)
			.resourceLoader(new DefaultResourceLoader(new FilteredClassLoader("org.springframework.security")))
			.properties(properties(table, properties))
			.run();
	}

	/**
	 * The properties of a probe application: a random port, its own table on the JVM's DynamoDB Local, the console
	 * on with changes allowed, blobs in the embedded S3, then the ones given.
	 */
	static String[] properties(String table, String... more) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"singletable.endpoint=" + DynamoDbLocal.endpoint(), "singletable.table-name=" + table,
				"singletable.table.create=create-if-missing", "singletable.console.enabled=true",
				"singletable.console.read-only=false", "singletable.blobs.bucket=" + table));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/**
	 * @param context a running application
	 * @return its port
	 */
	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
