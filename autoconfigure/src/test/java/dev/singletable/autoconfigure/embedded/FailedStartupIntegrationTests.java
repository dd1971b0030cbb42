package dev.singletable.autoconfigure.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.singletable.autoconfigure.badquery.BadQueryApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an application whose repository declares an underivable query method exits at once, explaining the
 * failure, without having started the embedded DynamoDB Local (the definitions are checked before it starts): it runs
 * in a forked JVM, as {@code java -cp … Application} would.
 */
class FailedStartupIntegrationTests {

	/** Far below the minutes DynamoDB Local's background jobs kept the JVM alive, far above a JVM's startup. */
	private static final long EXIT_WITHIN_SECONDS = 40;

	@Test
	void jvmExitsPromptlyWithTheFailureAnalysisBeforeDynamoDbLocalStarts(@TempDir Path directory)
			throws IOException, InterruptedException {
		Path log = directory.resolve("output.log");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), BadQueryApplication.class.getName(),
				"--singletable.table-name=failed-startup")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		boolean exited = process.waitFor(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
		if (!exited) {
			process.destroyForcibly().waitFor();
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(exited).as("JVM exited within %d s; output:%n%s", EXIT_WITHIN_SECONDS, output).isTrue();
		assertThat(process.exitValue()).isEqualTo(1);
		assertThat(output).doesNotContain("Started embedded DynamoDB Local")
			.contains("APPLICATION FAILED TO START")
			.contains("Cannot derive a query for")
			.contains("@AllowFiltering")
			.doesNotContain("Initializing DynamoDB Local with the following configuration");
		assertThat(output.indexOf("Description:")).as("analysis before any stack trace")
			.isLessThan(indexOfStackTrace(output));
	}

	private static int indexOfStackTrace(String output) {
		int index = output.indexOf("\tat ");
		return (index != -1) ? index : Integer.MAX_VALUE;
	}

}
