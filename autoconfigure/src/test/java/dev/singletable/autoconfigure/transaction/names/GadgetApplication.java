package dev.singletable.autoconfigure.transaction.names;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * The application: its package holds the entity and the repository.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class GadgetApplication {

}
