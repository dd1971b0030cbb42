package dev.singletable.autoconfigure.definitions.good;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application whose package holds only definitions that hold, and an underivable interface marked as no
 * repository.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class GoodDefinitionsApplication {

}
