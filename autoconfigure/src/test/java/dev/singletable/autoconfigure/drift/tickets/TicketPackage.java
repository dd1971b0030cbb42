package dev.singletable.autoconfigure.drift.tickets;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * The next version of the application as {@code drift.before} stored it, with a repository using every shape of
 * derived query on the new index.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class TicketPackage {

}
