package dev.singletable.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small knowledge-base service on the singletable starter: versioned, compressed {@link Article articles} with
 * their history, {@link Comment comments} and atomic {@link ArticleViews view counters}, all in one DynamoDB table,
 * behind a JSON API ({@code /api/articles}) and the actuator's {@code /actuator/health}.
 * <p>
 * Run in development with {@code TestSampleApplication} ({@code mvn spring-boot:test-run}), it starts the in-memory
 * DynamoDB Local of the test classpath and creates the table with every index; the {@code prod} profile
 * ({@code application-prod.yml}) uses a real table in AWS instead. The starter finds the entities and repositories
 * in this package by itself.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Runs the sample application.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
