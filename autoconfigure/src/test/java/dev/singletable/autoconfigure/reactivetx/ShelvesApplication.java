package dev.singletable.autoconfigure.reactivetx;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application of this package only: books, their reactive repository and {@link Shelves}.
 */
@SpringBootApplication
public class ShelvesApplication {

}
