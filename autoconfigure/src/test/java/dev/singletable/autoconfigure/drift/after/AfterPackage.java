package dev.singletable.autoconfigure.drift.after;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * The next version of the application: its package holds {@link Ticket}, indexed by owner now, and its repository.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class AfterPackage {

}
