package dev.singletable.autoconfigure.blobfixtures;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Makes this package, which holds {@link Manual}, an auto-configuration package.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage(basePackageClasses = Manual.class)
public class ManualPackage {

}
