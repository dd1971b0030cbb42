package dev.singletable.test.autoconfigure.invalid;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose entity cannot be stored as declared, for the slice tests.
 */
@SpringBootApplication
public class InvalidApplication {

}
