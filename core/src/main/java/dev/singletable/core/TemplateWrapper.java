package dev.singletable.core;

/**
 * A template that hands what it is made of to the modules built on core, as JDBC's {@code java.sql.Wrapper} hands out
 * a driver's own objects: the backfills, migrations and definition records of {@code dev.singletable.evolution} and
 * the outbox and change streams of {@code dev.singletable.events} send their requests through the driver of the
 * template they are given, and a reactive template built on a blocking one shares its plans. Each asks the template
 * it is given, explicitly: nothing is installed or looked up in a static place. Not for applications: the types a
 * template unwraps to are core's internals, which change without notice.
 */
public interface TemplateWrapper {

	/**
	 * Returns what the template is made of, of the type asked for.
	 * @param <T> the type
	 * @param type one of the types the template unwraps to
	 * @return the template's object of that type
	 * @throws IllegalArgumentException when the template holds nothing of that type, naming the types it unwraps to
	 */
	<T> T unwrap(Class<T> type);

}
