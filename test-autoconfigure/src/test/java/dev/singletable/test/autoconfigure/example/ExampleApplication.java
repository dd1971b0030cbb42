package dev.singletable.test.autoconfigure.example;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with an entity, a repository and a service, for the slice tests.
 */
@SpringBootApplication
public class ExampleApplication {

}
