package dev.singletable.core.internal.transaction;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.operation.CallerRequest;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;

/**
 * Answers what an operation's plan asks its caller ({@link CallerRequest}) on the blocking template's calling
 * thread, as the reactive caller answers from the subscriber's Reactor context: its {@code EntityCallbacks}, the
 * {@code AuditScope} bound to the thread and the auditor, and the transaction Spring's
 * {@link TransactionSynchronizationManager} binds to the thread under the template's database factory
 * ({@link #bound()}), whose requests {@link TransactionRequests} answers. It is the template in the
 * {@link CollectedWrites} it joins: the commit's plan is run on the driver of the first template that joined
 * ({@link #commit}), each part of it that is a template's own ({@link CollectedWrites.OnTemplate}: its blob stage,
 * its after-commit plans) on that template's driver with its answers, on the committing thread.
 */
public final class ThreadCaller implements Function<Request.Caller, @Nullable Object>, CollectedWrites.Template {

	/** What the template is made of: its entity callbacks, audit rows and the sender of its units. */
	private final TemplateAssembly assembly;

	private final Object databaseFactory;

	private final BlockingDriver driver;

	/**
	 * Creates the caller of a template.
	 * @param assembly the template's assembly, whose callbacks, audit rows and sender of units it answers with
	 * @param databaseFactory its database factory, the key its transactions are bound under
	 * @param driver its driver, which runs the plans this answers
	 */
	public ThreadCaller(TemplateAssembly assembly, Object databaseFactory, BlockingDriver driver) {
		this.assembly = assembly;
		this.databaseFactory = databaseFactory;
		this.driver = driver;
	}

	/**
	 * Commits a blocking transaction: runs its plan ({@link CollectedWrites#commit()}) on the driver of the first
	 * template that joined it, on the calling thread.
	 * @throws RuntimeException what the commit failed with
	 */
	public static void commit(CollectedWrites writes) {
		Step<Void> plan = writes.commit();
		ThreadCaller caller = TransactionRequests.committer(writes, ThreadCaller.class, "blocking");
		if (caller != null) {
			caller.driver.run(plan, caller);
		}
	}

	/**
	 * Returns the writes of the transaction bound to the calling thread under the template's database factory,
	 * whichever template or manager bound it, {@literal null} when none is.
	 */
	public @Nullable CollectedWrites bound() {
		return TransactionRequests.writesOf(TransactionSynchronizationManager.getResource(this.databaseFactory));
	}

	@Override
	public UnitSender sender() {
		return this.assembly.plans().sender();
	}

	@Override
	public @Nullable Object apply(Request.Caller request) {
		if (request instanceof CallerRequest.Callback callback) {
			return this.assembly.callbacks().invoke(switch (callback.kind()) {
				case BEFORE_CONVERT -> BeforeConvertCallback.class;
				case BEFORE_SAVE -> BeforeSaveCallback.class;
				case AFTER_SAVE -> AfterSaveCallback.class;
				case AFTER_DELETE -> AfterDeleteCallback.class;
			}, callback.entity(), callback.arguments());
		}
		if (request instanceof CallerRequest.AuditContext) {
			return this.assembly.table().audit().details();
		}
		if (TransactionRequests.isAbout(request)) {
			return TransactionRequests.answer(request, bound(), this);
		}
		if (request instanceof CollectedWrites.OnTemplate on && on.template() instanceof ThreadCaller template) {
			return template.driver.executor()
				.observations()
				.observeCommit(on.commitOf(), () -> template.driver.run(on.plan(), template));
		}
		throw new IllegalStateException("The blocking template does not answer " + request);
	}

}
