package dev.singletable.autoconfigure.definitions.annotated;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application whose entity type tells Jackson how to store a property, so that only Jackson can check it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AnnotatedDefinitionsApplication {

}
