package dev.singletable.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample application using the singletable Spring Boot starter.
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
