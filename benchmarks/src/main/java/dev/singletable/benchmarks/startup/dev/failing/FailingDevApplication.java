package dev.singletable.benchmarks.startup.dev.failing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A development application whose repository declares a method no query can be derived for
 * ({@link NoteRepository#findByTitleLike(String)}): run by
 * {@link dev.singletable.benchmarks.startup.dev.DevStartBenchmark} on the sample application's classpath, it
 * measures how long such a mistake takes to fail the start.
 */
@SpringBootApplication
public class FailingDevApplication {

	/**
	 * Runs the application, which fails to start.
	 * @param args the command line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(FailingDevApplication.class, args);
	}

}
