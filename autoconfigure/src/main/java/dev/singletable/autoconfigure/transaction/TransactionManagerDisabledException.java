package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.FatalBeanException;

/**
 * Thrown at start-up when {@code @Transactional} methods would run without a transaction because the singletable
 * transaction manager of their kind is switched off ({@code singletable.transaction.enabled=false} for blocking
 * methods, {@code singletable.transaction.reactive.enabled=false} for methods returning a publisher and Kotlin
 * {@code suspend} functions) and no other transaction manager of that kind would run them. Explained by
 * {@code TransactionManagerDisabledFailureAnalyzer}.
 */
public class TransactionManagerDisabledException extends FatalBeanException {

	private final List<Offence> offences;

	/**
	 * Creates the exception.
	 * @param offences every method found, at least one
	 */
	TransactionManagerDisabledException(List<Offence> offences) {
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

	/** What is wrong, naming every method and the property that switched its manager off. */
	public static String describe(List<Offence> offences) {
		return ((offences.size() == 1) ? "A @Transactional method would run" : "@Transactional methods would run")
				+ " without a transaction, because the singletable transaction manager of its kind is switched off:\n"
				+ offences.stream().map(Offence::describe).collect(Collectors.joining("\n"));
	}

	/** How to fix it. */
	public static String action(List<Offence> offences) {
		String properties = offences.stream()
			.map(Offence::property)
			.distinct()
			.map((property) -> property + "=true")
			.collect(Collectors.joining(" and "));
		return "Remove " + properties.replace("=true", "=false") + " (or set " + properties + ") to register the "
				+ "manager, name another transaction manager in the annotation (@Transactional(\"name\")), or remove "
				+ "@Transactional from the method.";
	}

	/**
	 * A {@code @Transactional} method whose singletable manager is switched off.
	 * @param beanName the bean's name
	 * @param type the bean's class
	 * @param method the method
	 * @param property the property that switched the manager off
	 * @param resolved what Spring resolves for the method instead: a manager of the other kind, or that none is
	 */
	public record Offence(String beanName, Class<?> type, Method method, String property, String resolved) {

		String describe() {
			String signature = MethodSignatures.describe(this.method);
			return "    - bean '" + this.beanName + "' (" + this.type.getName() + "): " + signature + " needs a "
					+ (this.property.contains("reactive") ? "reactive" : "blocking") + " transaction manager, and "
					+ this.property + "=false switched singletable's off; Spring resolves " + this.resolved;
		}

	}

}
