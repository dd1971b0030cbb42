package dev.singletable.autoconfigure.diagnostics;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Explains a startup that failed because the DynamoDB the application is configured for does not answer: nothing
 * listens at {@code singletable.endpoint} (a DynamoDB Local or LocalStack that was not started), its host is
 * unknown, or AWS is out of reach. Names the endpoint and the ways out instead of the SDK's stack trace.
 */
class DynamoDbUnreachableFailureAnalyzer implements FailureAnalyzer {

	/** How the AWS SDK's message starts when a request could not be sent or answered. */
	static final String UNREACHABLE = "Unable to execute HTTP request";

	private final @Nullable Environment environment;

	/**
	 * Creates the analyzer.
	 * @param environment the environment of the application that failed, to name its endpoint or region
	 */
	DynamoDbUnreachableFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		SdkClientException cause = NoDynamoDbConfiguredFailureAnalyzer.findSdkClientException(failure, UNREACHABLE);
		IOException io = (cause != null) ? ioCause(cause) : null;
		if (cause == null || io == null) {
			return null;
		}
		String reason = io.getClass().getSimpleName()
				+ (StringUtils.hasText(io.getMessage()) ? ": " + io.getMessage() : "");
		String endpoint = (this.environment != null) ? this.environment.getProperty("singletable.endpoint") : null;
		String region = (this.environment != null) ? this.environment.getProperty("singletable.region") : null;
		String where = StringUtils.hasText(endpoint) ? "at singletable.endpoint=" + endpoint
				: StringUtils.hasText(region) ? "in region " + region : "at the endpoint of the DynamoDB client";
		String description = "DynamoDB could not be reached " + where + " (" + reason + ").";
		String action = "Start the DynamoDB this application is configured for, or point it at one that runs:\n"
				+ "    - for a DynamoDB Local or LocalStack, start it and check singletable.endpoint (host and port)\n"
				+ "    - for AWS, check the network, proxy and singletable.region\n"
				+ "    - for development without a server, remove singletable.endpoint and singletable.region: with "
				+ "com.amazonaws:DynamoDBLocal on the classpath (test scope and 'mvn spring-boot:test-run') the "
				+ "application runs an embedded, in-memory DynamoDB Local";
		return new FailureAnalysis(description, action, cause);
	}

	private static @Nullable IOException ioCause(Throwable failure) {
		for (Throwable candidate = failure.getCause(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof IOException io) {
				return io;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
