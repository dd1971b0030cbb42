package dev.singletable.autoconfigure.definitions.kotlinrepository;

import org.springframework.context.annotation.Configuration;

import dev.singletable.repository.config.EnableSingleTableRepositories;

/**
 * Enables the repositories of this package, whose entity types no entity scan finds.
 */
@Configuration(proxyBeanMethods = false)
@EnableSingleTableRepositories
public class ReceiptRepositories {

}
