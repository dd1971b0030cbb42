package dev.singletable.autoconfigure.definitions.kotlin;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A Kotlin application, one of whose entity types is a Kotlin class, whose class path lacks Jackson's Kotlin module.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KotlinApplication {

}
