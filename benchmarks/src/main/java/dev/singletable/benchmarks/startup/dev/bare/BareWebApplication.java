package dev.singletable.benchmarks.startup.dev.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bare Boot application: nothing of its own, run by {@link dev.singletable.benchmarks.startup.dev.DevStartBenchmark}
 * on the sample application's classpath without singletable and DynamoDB Local, so with the same web stack (Spring
 * MVC, WebFlux, validation, actuator).
 */
@SpringBootApplication
public class BareWebApplication {

	/**
	 * Runs the application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(BareWebApplication.class, args);
	}

}
