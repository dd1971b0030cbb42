package dev.singletable.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Conventions for DynamoDB endpoints on this machine (DynamoDB Local, LocalStack): recognizing them, and the
 * region and credentials used with them when none are configured.
 */
final class LocalEndpoints {

	/** The region of a local endpoint when none is configured. */
	static final String DEFAULT_REGION = "us-east-1";

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private LocalEndpoints() {
	}

	/**
	 * Returns whether the endpoint's host is {@code localhost} or a loopback IP literal. Other host names are not
	 * resolved, so that deciding never waits for DNS.
	 * @param endpoint the endpoint, may be {@literal null}
	 * @return {@literal true} for a loopback endpoint
	 */
	static boolean isLoopback(@Nullable URI endpoint) {
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
	 * Returns static dummy credentials, which emulators accept. DynamoDB Local keeps one database per access key
	 * and region, so every client of an emulator uses the same ones.
	 * @return the credentials provider
	 */
	static AwsCredentialsProvider dummyCredentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));
	}

}
