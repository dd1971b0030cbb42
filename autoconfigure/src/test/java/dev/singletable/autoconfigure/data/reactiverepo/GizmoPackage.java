package dev.singletable.autoconfigure.data.reactiverepo;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Marks this package as the application's, with a blocking and a reactive repository of one entity.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class GizmoPackage {

}
