package dev.singletable.autoconfigure.drift.before;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * The first version of the application: its package holds {@link Ticket} and its repository.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class BeforePackage {

}
