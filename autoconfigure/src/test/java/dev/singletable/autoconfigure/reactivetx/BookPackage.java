package dev.singletable.autoconfigure.reactivetx;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Marks this package as the application's: books and their reactive repository.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class BookPackage {

}
