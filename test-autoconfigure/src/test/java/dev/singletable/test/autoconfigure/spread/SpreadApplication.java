package dev.singletable.test.autoconfigure.spread;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application with a type whose type index is spread over shards, for the slice tests.
 */
@SpringBootApplication
public class SpreadApplication {

}
