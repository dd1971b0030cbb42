package dev.singletable.core.internal.operation;

import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.TemplateWrapper;

/**
 * How what is built on a template gets what the template is made of, the same for every execution model: it asks
 * the template it is given ({@link TemplateWrapper#unwrap}), and an object that is no template of singletable's
 * (a user's implementation of the operations, a mock) is refused, naming it. A reactive template built on a blocking
 * one gets the plans of the table here ({@link #tablePlans}); the blocking model's port
 * ({@code TemplateExecutors}) gets the driver the backfills, migrations and outbox send through. Nothing is
 * installed in a static place, so a template is found only by what holds it. No I/O.
 */
public final class TemplateParts {

	private TemplateParts() {
	}

	/**
	 * Returns the plans of a template's table (its converter, clock, audit rows, writes), shared with what is built
	 * on the template instead of building plans of its own.
	 * @param template the template
	 * @return its table's plans
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s
	 */
	public static TablePlans tablePlans(SingleTableOperations template) {
		return of(template, TablePlans.class);
	}

	/**
	 * Returns what a template is made of, of the type asked for.
	 * @param template the template
	 * @param type one of the types the template unwraps to
	 * @return the template's object of that type
	 * @throws IllegalArgumentException when the operations are not a {@code SingleTableTemplate}'s, or it holds
	 * nothing of that type
	 */
	public static <T> T of(SingleTableOperations template, Class<T> type) {
		Assert.notNull(template, "Template must not be null");
		if (template instanceof TemplateWrapper wrapper) {
			return wrapper.unwrap(type);
		}
		throw new IllegalArgumentException(template + " is no SingleTableTemplate: only a template built by "
				+ "singletable hands out what it is made of (" + type.getName() + ")");
	}

}
