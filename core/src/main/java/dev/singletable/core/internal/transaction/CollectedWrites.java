package dev.singletable.core.internal.transaction;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.UnsubscribedWriteException;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.UnitSend;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.WriteUnit;

/**
 * The writes one Spring-managed transaction collects, blocking or reactive, from every template built on the
 * database factory it is bound under, and their commit as a plan. Each template that writes to it is a
 * {@link Template}, its caller (blocking or reactive), which finds the transaction bound to it and answers its plans'
 * requests about it by the same rules ({@link TransactionRequests}). A unit that would take the transaction
 * past 100 items (the per-type counts' item reserved when a template keeps them) or touch an item another operation
 * touches is refused at once, whichever template made it ({@link TransactionUnits}); in a read-only transaction every
 * write is refused. {@link #commit()} is the plan both managers run: every unit sent as one
 * {@code TransactWriteItems}, each inside the blob stage of the template that made it ({@link UnitSender#commit}),
 * the stamps put back when it fails, then the after-commit plans, each on its template. Nothing is sent when it is
 * {@link #discard() discarded}.
 */
public final class CollectedWrites {

	private final boolean readOnly;

	private final @Nullable String name;

	/** The collected units and their rules (limits, stamps, callbacks). */
	private final TransactionUnits<Template> units = new TransactionUnits<>(
			(template) -> template.sender().reservedItems());

	/** The reactive writes handed out for this transaction, each to be subscribed before the commit. */
	private final HandedOutWrites handedOut = new HandedOutWrites();

	/**
	 * Creates an empty transaction that templates join.
	 */
	public CollectedWrites() {
		this(false, null);
	}

	private CollectedWrites(boolean readOnly, @Nullable String name) {
		this.readOnly = readOnly;
		this.name = name;
	}

	/**
	 * Returns a read-only transaction: every write is refused at once, so nothing is ever collected or sent.
	 * @param name the transaction's name, for messages
	 */
	public static CollectedWrites readOnly(@Nullable String name) {
		return new CollectedWrites(true, name);
	}

	/**
	 * Adds a unit, refusing it when the transaction is read-only, would exceed 100 items or it touches an item
	 * another operation of the transaction touches (see {@link TransactionUnits#collect}).
	 * @param template the template that made the unit
	 * @param before the stamps of the entity given to the write, put back when the commit fails or is discarded
	 * @param afterCommit what to run on the template once the transaction is stored (the after-save callback), or
	 * {@literal null}
	 */
	public void collect(WriteUnit unit, Template template, Stamps.Snapshot before, @Nullable Step<?> afterCommit) {
		refuseIfReadOnly(unit.operation(), unit.type());
		this.units.collect(unit, template, before, afterCommit);
	}

	/**
	 * Refuses a write when the transaction is read-only, before it reads or collects anything.
	 * @param operation the write, such as {@code deleteById}
	 * @param subject its entity or type
	 */
	public void refuseIfReadOnly(String operation, @Nullable Object subject) {
		if (this.readOnly) {
			throw TransactionRules.readOnlyWrite(this.name, operation, subject);
		}
	}

	/**
	 * Adds what to run on a template once the transaction is stored (an after-delete callback), in the order added.
	 */
	public void afterCommit(Template template, Step<?> action) {
		this.units.afterCommit(template, action);
	}

	/**
	 * The plan of the commit, started when this is called (a transaction is committed once): every collected write
	 * sent as one {@code TransactWriteItems}, all or nothing, observed as the commit of their types on the first
	 * template that joined, each inside its own template's blob stage; once stored, the after-commit plans, in the
	 * order added, each on its template. Nothing is sent when no write was collected. A failed commit puts back the
	 * stamps as {@link #discard()} does. The plan asks its runner for each template's part ({@link OnTemplate}).
	 * @return the plan; it fails with {@link TransactionCancelledException} when DynamoDB cancels the transaction
	 * @throws UnsubscribedWriteException when a reactive write handed out for the transaction was never subscribed
	 * ({@link #handedOut()}): nothing is sent, the stamps are put back
	 */
	public Step<Void> commit() {
		UnsubscribedWriteException forgotten = this.handedOut.close();
		if (forgotten != null) {
			this.units.startCommit();
			discard();
			throw forgotten;
		}
		if (this.readOnly || !this.units.startCommit()) {
			return Step.done(null);
		}
		List<WriteUnit> collected = this.units.units();
		List<Template> templates = this.units.templates();
		Step<UnitSend.Result> send = on(templates.get(0),
				UnitSender.commit(collected, templates, Template::sender, CollectedWrites::on),
				UnitSend.types(collected));
		return send.recover((ex) -> {
			discard();
			throw ex;
		}).then((result) -> {
			if (!result.failures().isEmpty()) {
				throw this.units.cancelled(result.failures());
			}
			Step<Void> after = Step.done(null);
			for (TransactionUnits.After<Template> action : this.units.afterCommit()) {
				after = after.then((ignored) -> on(action.template(), action.plan(), null).then((done) -> Step.done(null)));
			}
			return after;
		});
	}

	private static <R> Step<R> on(Template template, Step<R> plan) {
		return on(template, plan, null);
	}

	@SuppressWarnings("unchecked")
	private static <R> Step<R> on(Template template, Step<R> plan, @Nullable List<Class<?>> commitOf) {
		return Step.send(new OnTemplate(template, plan, commitOf), (answer) -> {
			answer.orThrow();
			return Step.done((R) answer.response());
		});
	}

	/**
	 * Drops the collected writes without sending them (a rollback): the mutable entities they stamped get back the
	 * id, version and timestamps they had before. A failed {@link #commit()} does this itself.
	 */
	public void discard() {
		this.handedOut.discard();
		this.units.discard();
	}

	/**
	 * Returns the reactive writes handed out for this transaction, which its commit requires to have been subscribed
	 * (see {@link HandedOutWrites}).
	 */
	public HandedOutWrites handedOut() {
		return this.handedOut;
	}

	/**
	 * Returns whether no write was collected.
	 */
	public boolean isEmpty() {
		return this.units.isEmpty();
	}

	/**
	 * Returns the first template that joined, which the commit's plan is run on, {@literal null} when none did.
	 */
	public @Nullable Template first() {
		List<Template> templates = this.units.templates();
		return templates.isEmpty() ? null : templates.get(0);
	}

	@Override
	public String toString() {
		if (this.readOnly) {
			return "read-only transaction" + TransactionRules.describe(this.name);
		}
		return "transaction of " + this.units.describe();
	}

	/**
	 * A template that writes to the transaction: the sender of its units, and the runner of the commit's parts that
	 * are its own (its driver, its blob storage, its caller's answers).
	 */
	public interface Template {

		/**
		 * The sender of the template's units.
		 */
		UnitSender sender();

	}

	/**
	 * What a commit's plan asks its runner: to run a plan as a given template does (on its driver, with its
	 * caller). The answer is the plan's result.
	 * @param template the template
	 * @param plan the plan
	 * @param commitOf the types of the units when the plan is the commit's send, observed as their commit;
	 * {@literal null} for another part
	 */
	public record OnTemplate(Template template, Step<?> plan, @Nullable List<Class<?>> commitOf)
			implements Request.Caller {
	}

}
