package dev.singletable.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static dev.singletable.benchmarks.ReportFormat.bytes;

/**
 * The section of the {@link Report} that names the machine and the versions measured: CPU, memory, JDK, OS,
 * singletable, the AWS SDK, DynamoDB Local, Spring and Jackson.
 */
final class MachineSection {

	private MachineSection() {
	}

	static void machine(StringBuilder out) {
		Runtime runtime = Runtime.getRuntime();
		out.append("## Machine and versions\n\n");
		out.append("| | |\n|---|---|\n");
		row(out, "CPU", cpuModel() + ", " + runtime.availableProcessors() + " cores available to the JVM");
		row(out, "memory", physicalMemory() + " physical; JVM heap max " + bytes(runtime.maxMemory()) + " ("
				+ String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
					.filter((argument) -> argument.startsWith("-X"))
					.toList())
				+ ")");
		row(out, "JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")");
		row(out, "OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		Properties versions = versions();
		row(out, "singletable", versions.getProperty("singletable", "?"));
		row(out, "AWS SDK v2 (dynamodb, dynamodb-enhanced)", software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION);
		row(out, "DynamoDB Local", versions.getProperty("dynamodb-local", "?") + ", in-process, in-memory, loopback HTTP");
		row(out, "Spring Boot / Framework", org.springframework.boot.SpringBootVersion.getVersion() + " / "
				+ org.springframework.core.SpringVersion.getVersion());
		row(out, "Jackson", tools.jackson.databind.json.JsonMapper.builder().build().version().toString());
		out.append('\n');
	}

	private static void row(StringBuilder out, String name, String value) {
		out.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

	private static Properties versions() {
		Properties properties = new Properties();
		try (InputStream in = Report.class.getResourceAsStream("/benchmarks-versions.properties")) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// versions are informative only
		}
		return properties;
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return System.getProperty("os.arch");
	}

	private static String physicalMemory() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return bytes(os.getTotalMemorySize());
		}
		return "?";
	}

}
