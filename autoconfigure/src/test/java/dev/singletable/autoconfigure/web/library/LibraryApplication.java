package dev.singletable.autoconfigure.web.library;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A WebFlux application with a reactive repository and a controller that pages it.
 */
@SpringBootApplication
public class LibraryApplication {

}
