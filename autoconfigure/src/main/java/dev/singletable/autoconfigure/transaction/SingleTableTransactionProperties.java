package dev.singletable.autoconfigure.transaction;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Transaction settings of the single-table DynamoDB support, bound from {@code singletable.transaction.*}: one switch
 * per transaction manager. A {@code @Transactional} method whose manager is switched off, and that no other
 * transaction manager of its kind would run, fails the start-up, naming the method and the property.
 *
 * @param enabled Whether to register the 'singleTableTransactionManager', which sends the writes of a blocking Spring
 * transaction ('@Transactional', 'TransactionTemplate') as one DynamoDB transaction at commit. It is the default
 * transaction manager only when the application has no other one.
 * @param reactive Settings of the reactive transaction manager.
 */
@ConfigurationProperties("singletable.transaction")
public record SingleTableTransactionProperties(@DefaultValue("true") boolean enabled, Reactive reactive) {

	/**
	 * Gives the reactive settings their defaults when none of them is set: the group is then bound as
	 * {@literal null}, so that the binder does not make it from its {@link DefaultValue @DefaultValue} parameters at
	 * every start.
	 */
	public SingleTableTransactionProperties {
		reactive = (reactive != null) ? reactive : new Reactive(true);
	}

	/**
	 * Settings of the reactive transaction manager.
	 *
	 * @param enabled Whether to register, with Reactor, the 'reactiveSingleTableTransactionManager', which sends the
	 * writes of the reactive template in a reactive Spring transaction ('@Transactional' methods returning 'Mono',
	 * 'Flux' or 'Flow', Kotlin 'suspend' functions, 'TransactionalOperator') as one DynamoDB transaction, and the
	 * 'TransactionalOperator' on it. Independent of 'singletable.transaction.enabled'.
	 */
	public record Reactive(@DefaultValue("true") boolean enabled) {

	}

}
