package dev.singletable.core.internal.support;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.internal.execution.DynamoDbExecutor;

/**
 * The port through which what is built on a template outside {@code core} (the backfills, migrations and definition
 * records of {@code dev.singletable.evolution}) sends its own requests to the template's table, instead of building
 * an executor of its own: it hands out the template's executor, with its client (and whatever interceptors that
 * carries), table and exception translation. Those requests belong to no operation of the template, so they are
 * reported to none of its metrics ({@link DynamoDbExecutor#withoutMetrics()}); the backfills count their own.
 * <p>
 * The template installs the lookup once, when its class is initialized (so before any template exists); nothing
 * else may.
 */
public final class TemplateExecutors {

	private static volatile @Nullable Function<SingleTableOperations, @Nullable DynamoDbExecutor> lookup;

	private TemplateExecutors() {
	}

	/**
	 * Installs how a template's executor is found: called once, by the template's class.
	 * @param templateLookup the executor of a template, {@literal null} for operations that are no template
	 * @throws IllegalStateException when a lookup is installed already
	 */
	public static synchronized void install(
			Function<SingleTableOperations, @Nullable DynamoDbExecutor> templateLookup) {
		Assert.notNull(templateLookup, "Lookup must not be null");
		Assert.state(lookup == null, "The template's executor lookup is installed already");
		lookup = templateLookup;
	}

	/**
	 * Returns the executor requests sent for a template, outside its operations, go through.
	 * @param template the template
	 * @return its executor
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s
	 */
	public static DynamoDbExecutor of(SingleTableOperations template) {
		Assert.notNull(template, "Template must not be null");
		Function<SingleTableOperations, @Nullable DynamoDbExecutor> installed = lookup;
		DynamoDbExecutor executor = (installed != null) ? installed.apply(template) : null;
		Assert.isTrue(executor != null, () -> template + " is no SingleTableTemplate: only a template built by "
				+ "singletable hands out the executor it sends through");
		return executor;
	}

}
