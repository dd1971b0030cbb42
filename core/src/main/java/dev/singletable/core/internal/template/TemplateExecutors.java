package dev.singletable.core.internal.template;

import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.write.WriteUnit;

/**
 * The port through which what is built on a template outside {@code core} (the backfills, migrations and definition
 * records of {@code dev.singletable.evolution}) sends its own requests to the template's table, instead of touching a
 * client or building an executor of its own: it hands out a {@link BlockingDriver} of the template, which runs plans
 * ({@code core.internal.plan.Step}) through the template's client (and whatever interceptors that carries), table,
 * exception translation and blob storage. Those requests belong to no operation of the template, so they are
 * reported to none of its metrics ({@link BlockingDriver#withoutMetrics()}); the backfills count their own.
 * <p>
 * The template installs the lookup once, when its class is initialized (so before any template exists); nothing
 * else may.
 */
public final class TemplateExecutors {

	private static volatile @Nullable Function<SingleTableOperations, @Nullable BlockingDriver> lookup;

	private static volatile @Nullable Function<SingleTableOperations, @Nullable Consumer<WriteUnit>> writesLookup;

	private TemplateExecutors() {
	}

	/**
	 * Installs how a template's driver is found: called once, by the template's class.
	 * @param templateLookup the driver of a template, {@literal null} for operations that are no template
	 * @throws IllegalStateException when a lookup is installed already
	 */
	public static synchronized void install(Function<SingleTableOperations, @Nullable BlockingDriver> templateLookup) {
		Assert.notNull(templateLookup, "Lookup must not be null");
		Assert.state(lookup == null, "The template's driver lookup is installed already");
		lookup = templateLookup;
	}

	/**
	 * Returns the driver that runs the plans of requests sent for a template outside its operations.
	 * @param template the template
	 * @return its driver
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s
	 */
	public static BlockingDriver of(SingleTableOperations template) {
		Assert.notNull(template, "Template must not be null");
		Function<SingleTableOperations, @Nullable BlockingDriver> installed = lookup;
		BlockingDriver driver = (installed != null) ? installed.apply(template) : null;
		Assert.isTrue(driver != null, () -> template + " is no SingleTableTemplate: only a template built by "
				+ "singletable hands out the driver it sends through");
		return driver;
	}

	/**
	 * Installs how a template's writes of internal items are found: called once, by the template's class.
	 * @param templateLookup where a template writes a unit of internal items, {@literal null} for operations that
	 * are no template
	 * @throws IllegalStateException when a lookup is installed already
	 */
	public static synchronized void installWrites(
			Function<SingleTableOperations, @Nullable Consumer<WriteUnit>> templateLookup) {
		Assert.notNull(templateLookup, "Lookup must not be null");
		Assert.state(writesLookup == null, "The template's writes lookup is installed already");
		writesLookup = templateLookup;
	}

	/**
	 * Returns where a template writes a unit of internal items (the outbox's event publications): into the
	 * Spring-managed transaction bound to the template's database factory, collected with the template's own
	 * writes and sent with them in one {@code TransactWriteItems}, else at once.
	 * @param template the template
	 * @return what writes a unit for it
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s
	 */
	public static Consumer<WriteUnit> writes(SingleTableOperations template) {
		Assert.notNull(template, "Template must not be null");
		Function<SingleTableOperations, @Nullable Consumer<WriteUnit>> installed = writesLookup;
		Consumer<WriteUnit> writes = (installed != null) ? installed.apply(template) : null;
		Assert.isTrue(writes != null, () -> template + " is no SingleTableTemplate: only a template built by "
				+ "singletable writes internal items");
		return writes;
	}

}
