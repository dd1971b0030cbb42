package dev.singletable.autoconfigure.drift.older;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The older version of an application of a fleet: its package holds the entities as first declared, and it declares
 * no migration.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class OlderApplication {

}
