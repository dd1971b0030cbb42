import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Starts the application whose main class is the first argument and prints
 * {@code peer-probe <JVM uptime ms> <process CPU ms> <classes loaded> <main thread CPU ms> <JIT CPU ms> <GC CPU ms>}
 * as they were when the application became ready: read by the first listener of the {@link ApplicationReadyEvent},
 * before any other (such as singletable's drift check, which starts its work there) runs. Then it exits. The main
 * thread's CPU is the listener's own thread's (the one that ran {@code SpringApplication.run}); the JIT's and the
 * GC's are the sums over the JVM's compiler and collector threads, read from {@code /proc/self/task} (Linux, in
 * clock ticks of 10 ms each), so that process CPU splits into the application's start (main thread), what compiling
 * and collecting it cost, and the rest. The figures of {@code startup-peers.sh}; compiled by the script against the
 * applications' Spring Boot.
 */
public final class ReadyProbe implements ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static volatile String figures;

	public static void main(String[] args) throws Exception {
		Class<?> application = Class.forName(args[0]);
		SpringApplication.withHook((starting) -> {
			starting.addListeners(new ReadyProbe());
			return null;
		}, () -> {
			try {
				application.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Cannot start " + application.getName(), ex);
			}
		});
		if (figures == null) {
			throw new IllegalStateException(application.getName() + " returned without being ready");
		}
		System.out.println("peer-probe " + figures);
		System.exit(0);
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		long main = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000;
		figures = uptime + " " + cpu + " " + classes + " " + main + " " + threadsCpu("C1 CompilerThre", "C2 CompilerThre")
				+ " " + threadsCpu("GC Thread", "G1 ");
	}

	/** The CPU in ms of the JVM's threads whose names start with one of the prefixes, or -1 without /proc. */
	private static long threadsCpu(String... prefixes) {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.mapToLong((task) -> {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					if (Stream.of(prefixes).noneMatch(name::startsWith)) {
						return 0;
					}
					// after the name: state, then fields 4 to 52; utime and stime are fields 14 and 15
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
				}
				catch (IOException | RuntimeException ex) {
					return 0; // a thread that ended while being read
				}
			}).sum();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
