package dev.singletable.core.internal.template;

import java.util.function.Consumer;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.operation.TemplateParts;
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
 * Each asks the template it is given for its port ({@link TemplateParts#of}): nothing is installed in a static
 * place, so a template is found only by what holds it. The plans of the template's table, which a reactive template
 * built on it shares too, are {@link TemplateParts#tablePlans}'.
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

	private static Port port(SingleTableOperations template) {
		return TemplateParts.of(template, Port.class);
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
