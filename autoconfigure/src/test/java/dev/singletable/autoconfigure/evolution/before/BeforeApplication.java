package dev.singletable.autoconfigure.evolution.before;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application before the change: its package holds the entities as first declared.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class BeforeApplication {

}
