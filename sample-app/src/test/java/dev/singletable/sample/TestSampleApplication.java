package dev.singletable.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample in development on the embedded DynamoDB Local of the test classpath:
 * {@code mvn -pl sample-app spring-boot:test-run}, or this class from the IDE. The packaged application has no
 * DynamoDB Local and needs a real table ({@code application-prod.yml}).
 */
public class TestSampleApplication {

	/**
	 * Runs {@link SampleApplication} with the test classpath.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).run(args);
	}

}
