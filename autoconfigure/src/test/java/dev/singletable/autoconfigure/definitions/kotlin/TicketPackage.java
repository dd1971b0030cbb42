package dev.singletable.autoconfigure.definitions.kotlin;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Marks this package as the application's, for an application context runner.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class TicketPackage {

}
