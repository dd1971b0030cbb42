package dev.singletable.autoconfigure.transaction.accounts;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.singletable.core.mapping.event.AfterSaveCallback;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records when transaction listeners and the after-save callback of {@link Account}s run, and whether the account
 * was stored then.
 */
public class Recorder implements AfterSaveCallback<Account> {

	private final ObjectProvider<AccountRepository> accounts;

	private final List<String> events = new CopyOnWriteArrayList<>();

	/**
	 * Creates the recorder.
	 * @param accounts the accounts, to look written ones up
	 */
	public Recorder(ObjectProvider<AccountRepository> accounts) {
		this.accounts = accounts;
	}

	@Override
	public Account onAfterSave(Account entity, Map<String, AttributeValue> item) {
		this.events.add("saved " + entity.id() + " v" + entity.version() + " " + stored(entity.id()));
		return entity;
	}

	/**
	 * Records a committed write.
	 * @param event the event
	 */
	@TransactionalEventListener
	void afterCommit(Written event) {
		this.events.add("committed " + event.accountId() + " " + stored(event.accountId()));
	}

	/**
	 * Records a rolled back write.
	 * @param event the event
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
	void afterRollback(Written event) {
		this.events.add("rolled back " + event.accountId() + " " + stored(event.accountId()));
	}

	private String stored(String id) {
		return this.accounts.getObject().findById(id).map((account) -> "stored v" + account.version()).orElse("missing");
	}

	/**
	 * Returns what was recorded, in order.
	 * @return the entries
	 */
	public List<String> events() {
		return this.events;
	}

}
