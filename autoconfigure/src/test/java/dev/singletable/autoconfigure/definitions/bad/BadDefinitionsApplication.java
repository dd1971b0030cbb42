package dev.singletable.autoconfigure.definitions.bad;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application whose package holds an entity and a repository with a query method no index covers.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BadDefinitionsApplication {

}
