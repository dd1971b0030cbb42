import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Starts the application whose main class is the first argument and prints
 * {@code peer-probe <JVM uptime ms> <process CPU ms> <classes loaded>} as they were when the application became
 * ready: read by the first listener of the {@link ApplicationReadyEvent}, before any other (such as singletable's
 * drift check, which starts its work there) runs. Then it exits. The figures of {@code startup-peers.sh}; compiled
 * by the script against the applications' Spring Boot.
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
		figures = uptime + " " + cpu + " " + classes;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
