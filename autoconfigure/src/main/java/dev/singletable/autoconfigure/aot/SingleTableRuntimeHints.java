package dev.singletable.autoconfigure.aot;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The runtime hints of singletable itself, registered through {@code META-INF/spring/aot.factories}: the
 * configuration metadata the property-name check reads at startup, and the field of DynamoDB Local's server that the
 * embedded DynamoDB Local reads reflectively to listen on loopback only, and the JDK proxy of {@code DynamoDbClient}
 * through which a template with metrics sends its requests. Entity types are the application's: see
 * {@link SingleTableEntitiesAotProcessor}.
 */
class SingleTableRuntimeHints implements RuntimeHintsRegistrar {

	/** The configuration metadata, read by the check of {@code singletable.*} property names. */
	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	/** The server of the embedded DynamoDB Local, whose Jetty connector is replaced by a loopback one. */
	static final String DYNAMODB_LOCAL_SERVER = "com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(METADATA);
		hints.reflection().registerTypeIfPresent(classLoader, DYNAMODB_LOCAL_SERVER,
				MemberCategory.ACCESS_DECLARED_FIELDS);
		hints.proxies().registerJdkProxy(DynamoDbClient.class);
	}

}
