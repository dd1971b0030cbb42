package dev.singletable.autoconfigure.definitions.plain;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * An application whose entity types are records without Jackson annotations, with a repository whose methods hold.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PlainDefinitionsApplication {

}
