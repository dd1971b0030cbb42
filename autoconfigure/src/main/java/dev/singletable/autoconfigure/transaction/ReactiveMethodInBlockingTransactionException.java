package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.FatalBeanException;
import org.springframework.core.KotlinDetector;


/**
 * Thrown at start-up when {@code @Transactional} methods returning a publisher, or Kotlin {@code suspend} functions,
 * of beans that reach reactive singletable operations, resolve to a blocking transaction manager, which would run
 * around the method call only while the writes are made, one by one, when the returned publisher is subscribed (when
 * the suspend function resumes). Describes a {@code suspend} function as its source declares it,
 * {@code suspend fun createTwo(Task, Task)}. Explained by {@code ReactiveMethodInBlockingTransactionFailureAnalyzer}.
 */
public class ReactiveMethodInBlockingTransactionException extends FatalBeanException {

	/** The annotation that fixes it. */
	static final String FIX = "@ReactiveSingleTableTransactional";

	private final List<Offence> offences;

	/**
	 * Creates the exception.
	 * @param offences every method found, at least one
	 */
	ReactiveMethodInBlockingTransactionException(List<Offence> offences) {
		super(describe(offences) + " " + action(offences));
		this.offences = List.copyOf(offences);
	}

	/**
	 * Returns the methods found.
	 * @return the methods, in the order of the beans
	 */
	public List<Offence> getOffences() {
		return this.offences;
	}

	/** What is wrong, naming every method, its bean, its manager and how the bean reaches reactive operations. */
	public static String describe(List<Offence> offences) {
		String methods = offences.stream().map(Offence::describe).collect(Collectors.joining("\n"));
		boolean suspending = offences.stream().anyMatch(Offence::suspending);
		boolean publishing = offences.stream().anyMatch((offence) -> !offence.suspending());
		String subject;
		if (offences.size() == 1) {
			subject = suspending ? "A @Transactional Kotlin suspend function runs"
					: "A @Transactional method returning a publisher runs";
		}
		else {
			subject = !suspending ? "@Transactional methods returning a publisher run"
					: publishing ? "@Transactional methods returning a publisher and Kotlin suspend functions run"
							: "@Transactional Kotlin suspend functions run";
		}
		return subject + " under a blocking transaction manager, although reactive singletable writes are made "
				+ "through " + ((offences.size() == 1) ? "it" : "them") + ":\n" + methods + "\nSpring runs a "
				+ "blocking transaction manager around the method call only and commits it "
				+ (publishing ? "before anything subscribes to the returned publisher" : "")
				+ ((publishing && suspending) ? ", and " : "")
				+ (suspending ? "when a suspend function first suspends, before it resumes to make its writes" : "")
				+ ": the reactive writes could never join that transaction, and would be sent one by one, not all or "
				+ "nothing.";
	}

	/** How to fix it. */
	public static String action(List<Offence> offences) {
		Offence first = offences.get(0);
		return "Annotate " + ((offences.size() == 1) ? "the method" : "each method") + " " + FIX
				+ " (dev.singletable.core.reactive.ReactiveSingleTableTransactional), for example " + FIX + " on "
				+ first.type().getSimpleName() + "." + first.method().getName()
				+ "(..), which runs it in a reactive transaction (the reactiveSingleTableTransactionManager): its "
				+ "writes are sent as one TransactWriteItems when "
				+ (first.suspending() ? "the suspend function returns, none when it throws"
						: "the publisher completes, none when it fails")
				+ ". Or name that manager, @Transactional(\"reactiveSingleTableTransactionManager\"). Keep blocking "
				+ "@Transactional for methods that write through the blocking template and repositories and return "
				+ "no publisher.";
	}

	/**
	 * A {@code @Transactional} method returning a publisher, or a Kotlin {@code suspend} function, under a blocking
	 * transaction manager.
	 * @param beanName the bean's name
	 * @param type the bean's class
	 * @param method the method
	 * @param managerName the name of the transaction manager bean it resolves to
	 * @param managerType the manager's class
	 * @param path the beans from this one to the reactive singletable operations it reaches (the last may be a
	 * type injected through an {@code ObjectProvider})
	 */
	public record Offence(String beanName, Class<?> type, Method method, String managerName, Class<?> managerType,
			List<String> path) {

		/**
		 * Whether the method is a Kotlin {@code suspend} function, which Spring runs in a reactive transaction
		 * only under a reactive manager.
		 * @return {@literal true} for a {@code suspend} function
		 */
		boolean suspending() {
			return KotlinDetector.isSuspendingFunction(this.method);
		}

		String describe() {
			String reaches = (this.path.size() <= 1) ? "is itself reactive singletable operations"
					: "reaches reactive singletable operations through " + String.join(" -> ", this.path);
			String signature = MethodSignatures.describe(this.method);
			return "    - bean '" + this.beanName + "' (" + this.type.getName() + "): " + signature
					+ " and its @Transactional resolves to the blocking transaction manager '" + this.managerName
					+ "' (" + this.managerType.getSimpleName() + "); the bean " + reaches;
		}

	}

}
