import java.lang.management.ManagementFactory;

/**
 * Starts the application whose main class is the first argument and, once its {@code main} returns (the application
 * is ready), prints {@code peer-probe <JVM uptime ms> <process CPU ms> <classes loaded>} and exits: the figures of
 * {@code startup-peers.sh}. Compiled by the script alone, with nothing but the JDK.
 */
public final class ReadyProbe {

	private ReadyProbe() {
	}

	public static void main(String[] args) throws Exception {
		Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) new String[0]);
		long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
		long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
		long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
		System.out.println("peer-probe " + uptime + " " + cpu + " " + classes);
		System.exit(0);
	}

}
