package dev.singletable.autoconfigure.definitions.chosen;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application whose package holds an underivable repository that a configuration class of the same package
 * leaves out of the repositories it enables.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ChosenRepositoriesApplication {

}
