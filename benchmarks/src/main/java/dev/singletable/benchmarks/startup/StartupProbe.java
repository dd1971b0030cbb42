package dev.singletable.benchmarks.startup;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one application variant in a fresh JVM, prints how long it took and exits: the cold start-up of
 * {@link StartupBenchmark}.
 */
public final class StartupProbe {

	private StartupProbe() {
	}

	/**
	 * Starts the variant named by the first argument.
	 * @param args the {@link StartupBenchmark.Variant} name
	 */
	public static void main(String[] args) {
		StartupBenchmark.Variant variant = StartupBenchmark.Variant.valueOf(args[0]);
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = StartupBenchmark.start(variant)) {
			double millis = (System.nanoTime() - start) / 1e6;
			System.out.println(StartupBenchmark.PROBE + " " + millis + " " + StartupBenchmark.uptime() + " "
					+ StartupBenchmark.processCpuMillis());
		}
		System.exit(0);
	}

}
