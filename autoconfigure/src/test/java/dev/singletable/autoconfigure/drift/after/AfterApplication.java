package dev.singletable.autoconfigure.drift.after;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The second version of the application run as {@code java -jar} runs it: every auto-configuration, its package
 * holding {@link Ticket} with the new index key.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AfterApplication {

}
