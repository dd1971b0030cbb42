package dev.singletable.autoconfigure.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Conventions for DynamoDB endpoints on this machine (DynamoDB Local, LocalStack): recognizing them, and the
 * region and credentials used with them when none are configured.
 */
public final class LocalEndpoints {

	/** The region of a local endpoint when none is configured. */
	public static final String DEFAULT_REGION = "us-east-1";

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private LocalEndpoints() {
	}

	/**
	 * Returns whether the endpoint's host is {@code localhost} or a loopback IP literal. Other host names are not
	 * resolved, so that deciding never waits for DNS.
	 * @param endpoint the endpoint, may be {@literal null}
	 * @return {@literal true} for a loopback endpoint
	 */
	public static boolean isLoopback(@Nullable URI endpoint) {
		String host = (endpoint != null) ? endpoint.getHost() : null;
		if (host == null) {
			return false;
		}
		if ("localhost".equalsIgnoreCase(host)) {
			return true;
		}
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if (!IPV4_LITERAL.matcher(host).matches() && !host.contains(":")) {
			return false;
		}
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Checks a configured endpoint: an absolute http or https URI with a host.
	 * @param endpoint the endpoint, may be {@literal null} (nothing to check)
	 * @param property the property that set it, for the message
	 * @param example an example endpoint, for the message
	 * @throws IllegalArgumentException naming the property when the endpoint is not usable
	 */
	public static void checkEndpoint(@Nullable URI endpoint, String property, String example) {
		if (endpoint != null && (!endpoint.isAbsolute() || endpoint.getHost() == null
				|| !("http".equalsIgnoreCase(endpoint.getScheme()) || "https".equalsIgnoreCase(endpoint.getScheme())))) {
			throw new IllegalArgumentException(property + " must be an absolute http or https URI with a host, such as "
					+ example + ", but was '" + endpoint + "'");
		}
	}

	/**
	 * Decides whether an embedded server starts because nothing says where the real service is: no match when its
	 * {@code enabled} property is set (the property alone decides then) or when one of the given properties is.
	 * @param environment the environment
	 * @param server the server's name, for the condition report
	 * @param enabledProperty the property that forces or disables the server
	 * @param properties the properties that point at a real service
	 * @return the outcome
	 */
	public static ConditionOutcome nothingConfigured(
			Environment environment, String server, String enabledProperty,
			String... properties) {
		ConditionMessage.Builder message = ConditionMessage
			.forCondition(server);
		if (environment.containsProperty(enabledProperty)) {
			return ConditionOutcome
				.noMatch(message.because(enabledProperty + " is set"));
		}
		for (String property : properties) {
			if (StringUtils.hasText(environment.getProperty(property))) {
				return ConditionOutcome
					.noMatch(message.found("property").items(property));
			}
		}
		return ConditionOutcome
			.match(message.because("neither " + String.join(" nor ", properties) + " is set"));
	}

	/**
	 * Returns static dummy credentials, which emulators accept. DynamoDB Local keeps one database per access key
	 * and region, so every client of an emulator uses the same ones.
	 * @return the credentials provider
	 */
	public static AwsCredentialsProvider dummyCredentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));
	}

}
