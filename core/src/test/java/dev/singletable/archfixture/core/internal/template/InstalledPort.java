package dev.singletable.archfixture.core.internal.template;

import java.util.function.Function;

/** Broken: a port installed in a static field at run time and looked up by every caller. */
public final class InstalledPort {

	private static volatile Function<Object, Object> lookup;

	private InstalledPort() {
	}

	public static void install(Function<Object, Object> found) {
		lookup = found;
	}

	public static Object of(Object template) {
		return lookup.apply(template);
	}

}
