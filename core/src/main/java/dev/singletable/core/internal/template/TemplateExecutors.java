package dev.singletable.core.internal.template;

import java.util.function.Consumer;

import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.TemplateWrapper;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.write.unit.WriteUnit;

/**
 * The port through which what is built on a template outside {@code core} (the backfills, migrations and definition
 * records of {@code dev.singletable.evolution}, the outbox of {@code dev.singletable.events}) sends its own requests
 * to the template's table, instead of touching a client or building an executor of its own: it hands out a
 * {@link Port}, whose {@link BlockingDriver} runs plans
 * ({@code internal.plan.Step}) through the template's client (and whatever interceptors that carries), table,
 * exception translation and blob storage. Those requests belong to no operation of the template, so they are
 * reported to none of its metrics ({@link BlockingDriver#withoutMetrics()}); the backfills count their own.
 * <p>
 * Each asks the template it is given for its port ({@link TemplateWrapper#unwrap}): nothing is installed in a static
 * place, so a template is found only by what holds it.
 */
public final class TemplateExecutors {

	private TemplateExecutors() {
	}

	/**
	 * Returns the driver that runs the plans of requests sent for a template outside its operations.
	 * @param template the template
	 * @return its driver
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s
	 */
	public static BlockingDriver of(SingleTableOperations template) {
		return port(template).driver();
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
		return port(template).writes();
	}

	/**
	 * Returns the plans of a template's table (its converter, clock, audit rows, writes), shared with what is built
	 * on the template instead of building plans of its own.
	 * @param template the template
	 * @return its table's plans
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s
	 */
	public static TablePlans plans(SingleTableOperations template) {
		return wrapper(template).unwrap(TablePlans.class);
	}

	private static Port port(SingleTableOperations template) {
		return wrapper(template).unwrap(Port.class);
	}

	private static TemplateWrapper wrapper(SingleTableOperations template) {
		Assert.notNull(template, "Template must not be null");
		if (template instanceof TemplateWrapper wrapper) {
			return wrapper;
		}
		throw new IllegalArgumentException(template + " is no SingleTableTemplate: only a template built by "
				+ "singletable hands out the driver it sends through");
	}

	/**
	 * What a template hands out to what is built on it.
	 * @param driver runs plans through the template's client, table, translation and blob storage (the one it has when
	 * the port is handed out), reporting to none of its metrics
	 * @param writes writes a unit of internal items into the bound transaction, else at once
	 */
	public record Port(BlockingDriver driver, Consumer<WriteUnit> writes) {
	}

}
