package dev.singletable.core.reactive;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransaction;
import dev.singletable.test.RequestCounter;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The transactions that {@link TransactionBehaviourSuite} runs, on either API: the blocking template's as they
 * are; the reactive template's {@code transaction(..)} with a work that runs the steps of the test, each operation
 * of the transaction (and each write of the template inside it) subscribed in the transaction's Reactor context and
 * blocked on in the test only.
 */
interface TransactionOps {

	/** Runs a transaction whose steps are the given work's. */
	void transaction(Consumer<Tx> work);

	/** Runs a transaction whose steps are the given work's, returning what it returned once stored. */
	<R> R inTransaction(Function<Tx, R> work);

	/** Reads several resources as one snapshot. */
	SingleTableSnapshot readTransaction(Consumer<SingleTableReadTransaction> reads);

	/** The template's operations, outside any transaction. */
	TemplateOps template();

	/** A template of the same API and table on another database factory: a writer outside the transaction. */
	TemplateOps otherWriter();

	/**
	 * A second template of the same API on the template's database factory: its writes join the template's
	 * transactions, and are sent at the commit by its own sender (its per-type counts, its blob stage).
	 */
	TemplateOps sibling();

	/** The requests the API under test sent, by operation name. */
	RequestCounter requests();

	/**
	 * The operations of a transaction, as the work of the test calls them, and the template's own writes made
	 * inside it.
	 */
	interface Tx {

		<T> T create(T entity);

		<T> T update(T entity);

		<T> T update(T entity, Changes changes);

		<T> T save(T entity);

		<T> T restoreVersion(Class<T> type, String id, long version);

		void delete(Object entity);

		void deleteById(Class<?> type, String id);

		void increment(Class<?> type, String id, String property, long delta);

		void requireVersion(Object entity, long version);

		void requireExists(Class<?> type, String id);

		void requireAbsent(Class<?> type, String id);

		/** The template's own create, made inside the transaction's work. */
		<T> T templateCreate(T entity);

		/** The {@link TransactionOps#sibling() sibling}'s own create, made inside the transaction's work. */
		<T> T siblingCreate(T entity);

		/** The template's own update, made inside the transaction's work. */
		<T> T templateUpdate(T entity);

		/** The template's own delete by id, made inside the transaction's work. */
		boolean templateDeleteById(Class<?> type, String id);

		/** The template's own bulk and atomic operations, made inside the transaction's work. */
		<T> List<T> templatePutAll(List<T> entities);

		long templateIncrement(Class<?> type, String id, String property, long delta);

		boolean templateDeleteVersion(Class<?> type, String id, long version);

		void templateAddToSet(Class<?> type, String id, String property, String... values);

		void templateDeleteAllById(Class<?> type, List<String> ids);

	}

	static TransactionOps blocking(SingleTableTemplate template, SingleTableTemplate other, RequestCounter requests) {
		SingleTableTemplate sibling = new SingleTableTemplate(template.getDatabaseFactory(), template.getConverter());
		return new TransactionOps() {

			@Override
			public void transaction(Consumer<Tx> work) {
				template.transaction((tx) -> work.accept(blockingTx(template, sibling, tx)));
			}

			@Override
			public <R> R inTransaction(Function<Tx, R> work) {
				return template.inTransaction((tx) -> work.apply(blockingTx(template, sibling, tx)));
			}

			@Override
			public SingleTableSnapshot readTransaction(Consumer<SingleTableReadTransaction> reads) {
				return template.readTransaction(reads);
			}

			@Override
			public TemplateOps template() {
				return TemplateOps.blocking(template);
			}

			@Override
			public TemplateOps otherWriter() {
				return TemplateOps.blocking(other);
			}

			@Override
			public TemplateOps sibling() {
				return TemplateOps.blocking(sibling);
			}

			@Override
			public RequestCounter requests() {
				return requests;
			}

		};
	}

	private static Tx blockingTx(SingleTableTemplate template, SingleTableTemplate sibling, SingleTableTransaction tx) {
		return new Tx() {

			@Override
			public <T> T create(T entity) {
				return tx.create(entity);
			}

			@Override
			public <T> T update(T entity) {
				return tx.update(entity);
			}

			@Override
			public <T> T update(T entity, Changes changes) {
				return tx.update(entity, changes);
			}

			@Override
			public <T> T save(T entity) {
				return tx.save(entity);
			}

			@Override
			public <T> T restoreVersion(Class<T> type, String id, long version) {
				return tx.restoreVersion(type, id, version);
			}

			@Override
			public void delete(Object entity) {
				tx.delete(entity);
			}

			@Override
			public void deleteById(Class<?> type, String id) {
				tx.deleteById(type, id);
			}

			@Override
			public void increment(Class<?> type, String id, String property, long delta) {
				tx.increment(type, id, property, delta);
			}

			@Override
			public void requireVersion(Object entity, long version) {
				tx.requireVersion(entity, version);
			}

			@Override
			public void requireExists(Class<?> type, String id) {
				tx.requireExists(type, id);
			}

			@Override
			public void requireAbsent(Class<?> type, String id) {
				tx.requireAbsent(type, id);
			}

			@Override
			public <T> T templateCreate(T entity) {
				return template.create(entity);
			}

			@Override
			public <T> T siblingCreate(T entity) {
				return sibling.create(entity);
			}

			@Override
			public <T> T templateUpdate(T entity) {
				return template.update(entity);
			}

			@Override
			public boolean templateDeleteById(Class<?> type, String id) {
				return template.deleteById(type, id);
			}

			@Override
			public <T> List<T> templatePutAll(List<T> entities) {
				return template.putAll(entities);
			}

			@Override
			public long templateIncrement(Class<?> type, String id, String property, long delta) {
				return template.increment(type, id, property, delta);
			}

			@Override
			public boolean templateDeleteVersion(Class<?> type, String id, long version) {
				return template.deleteVersion(type, id, version);
			}

			@Override
			public void templateAddToSet(Class<?> type, String id, String property, String... values) {
				template.addToSet(type, id, property, values);
			}

			@Override
			public void templateDeleteAllById(Class<?> type, List<String> ids) {
				template.deleteAllById(type, ids);
			}

		};
	}

	static TransactionOps reactive(ReactiveSingleTableTemplate template, ReactiveSingleTableTemplate other,
			RequestCounter requests) {
		ReactiveSingleTableTemplate sibling = new ReactiveSingleTableTemplate(template.getDatabaseFactory(),
				template.getConverter());
		return new TransactionOps() {

			@Override
			public void transaction(Consumer<Tx> work) {
				// the steps run when the transaction subscribes the work, in its context
				template.transaction((tx) -> Mono.deferContextual(
						(context) -> Mono.fromRunnable(() -> work.accept(reactiveTx(template, sibling, tx, context)))))
					.block();
			}

			@Override
			public <R> R inTransaction(Function<Tx, R> work) {
				return template.inTransaction((tx) -> Mono.deferContextual(
						(context) -> Mono.fromSupplier(() -> work.apply(reactiveTx(template, sibling, tx, context)))))
					.block();
			}

			@Override
			public SingleTableSnapshot readTransaction(Consumer<SingleTableReadTransaction> reads) {
				return template.readTransaction(reads).block();
			}

			@Override
			public TemplateOps template() {
				return TemplateOps.reactive(template);
			}

			@Override
			public TemplateOps otherWriter() {
				return TemplateOps.reactive(other);
			}

			@Override
			public TemplateOps sibling() {
				return TemplateOps.reactive(sibling);
			}

			@Override
			public RequestCounter requests() {
				return requests;
			}

		};
	}

	private static Tx reactiveTx(ReactiveSingleTableTemplate template, ReactiveSingleTableTemplate sibling,
			ReactiveSingleTableTransaction tx, ContextView context) {
		return new Tx() {

			@Override
			public <T> T create(T entity) {
				return tx.create(entity).block();
			}

			@Override
			public <T> T update(T entity) {
				return tx.update(entity).block();
			}

			@Override
			public <T> T update(T entity, Changes changes) {
				return tx.update(entity, changes).block();
			}

			@Override
			public <T> T save(T entity) {
				return tx.save(entity).block();
			}

			@Override
			public <T> T restoreVersion(Class<T> type, String id, long version) {
				return tx.restoreVersion(type, id, version).block();
			}

			@Override
			public void delete(Object entity) {
				tx.delete(entity).block();
			}

			@Override
			public void deleteById(Class<?> type, String id) {
				tx.deleteById(type, id).block();
			}

			@Override
			public void increment(Class<?> type, String id, String property, long delta) {
				tx.increment(type, id, property, delta).block();
			}

			@Override
			public void requireVersion(Object entity, long version) {
				tx.requireVersion(entity, version).block();
			}

			@Override
			public void requireExists(Class<?> type, String id) {
				tx.requireExists(type, id).block();
			}

			@Override
			public void requireAbsent(Class<?> type, String id) {
				tx.requireAbsent(type, id).block();
			}

			// the template's writes, subscribed in the transaction's context as a composed chain would be

			@Override
			public <T> T templateCreate(T entity) {
				return template.create(entity).contextWrite(context).block();
			}

			@Override
			public <T> T siblingCreate(T entity) {
				return sibling.create(entity).contextWrite(context).block();
			}

			@Override
			public <T> T templateUpdate(T entity) {
				return template.update(entity).contextWrite(context).block();
			}

			@Override
			public boolean templateDeleteById(Class<?> type, String id) {
				return Optional.ofNullable(template.deleteById(type, id).contextWrite(context).block()).orElse(false);
			}

			@Override
			public <T> List<T> templatePutAll(List<T> entities) {
				return template.putAll(entities).contextWrite(context).collectList().block();
			}

			@Override
			public long templateIncrement(Class<?> type, String id, String property, long delta) {
				return template.increment(type, id, property, delta).contextWrite(context).block();
			}

			@Override
			public boolean templateDeleteVersion(Class<?> type, String id, long version) {
				return template.deleteVersion(type, id, version).contextWrite(context).block();
			}

			@Override
			public void templateAddToSet(Class<?> type, String id, String property, String... values) {
				template.addToSet(type, id, property, values).contextWrite(context).block();
			}

			@Override
			public void templateDeleteAllById(Class<?> type, List<String> ids) {
				template.deleteAllById(type, ids).contextWrite(context).block();
			}

		};
	}

	/** The operation names of the requests sent since the last reset. */
	static List<String> sent(RequestCounter requests) {
		return requests.operations();
	}

}
