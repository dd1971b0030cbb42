package dev.singletable.autoconfigure.transaction.shop;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The application: its package holds the entities and repositories.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import({ ShopService.class, ShopEvents.class, AuditService.class })
public class ShopApplication {

}
