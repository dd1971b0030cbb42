package dev.singletable.autoconfigure.transaction.accounts;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The application: its package holds the entities and repositories.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@Import({ Transactions.class, Recorder.class })
public class AccountsApplication {

}
