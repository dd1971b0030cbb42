package dev.singletable.autoconfigure.transaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transaction settings of the single-table DynamoDB support, bound from {@code singletable.transaction.*}.
 *
 * @param enabled Whether to register the 'singleTableTransactionManager', which sends the writes of a Spring
 * transaction ('@Transactional', 'TransactionTemplate') as one DynamoDB transaction at commit, and, with Reactor,
 * the 'reactiveSingleTableTransactionManager', which does the same for the reactive template ('@Transactional'
 * methods returning 'Mono' or 'Flux', 'TransactionalOperator'). Each is the default transaction manager only when
 * the application has no other one.
 */
@ConfigurationProperties("singletable.transaction")
public record SingleTableTransactionProperties(@DefaultValue("true") boolean enabled) {

}
