package dev.singletable.core.internal.execution;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metered clients are plain classes, not proxies: they must declare every operation of the SDK's client
 * interfaces, whose own defaults would throw {@link UnsupportedOperationException} (an SDK upgrade adding an operation
 * fails here rather than in an application calling it).
 */
class MeteredClientUnitTests {

	@Test
	void theMeteredClientSendsEveryOperationOfTheClient() {
		assertThat(undeclaredOperations(DynamoDbClient.class, MeteredDynamoDbClient.class)).isEmpty();
		assertThat(operations(DynamoDbClient.class)).hasSizeGreaterThan(50);
	}

	@Test
	void theMeteredAsyncClientSendsEveryOperationOfTheAsyncClient() {
		assertThat(undeclaredOperations(DynamoDbAsyncClient.class, MeteredDynamoDbAsyncClient.class)).isEmpty();
		assertThat(operations(DynamoDbAsyncClient.class)).hasSizeGreaterThan(50);
	}

	@Test
	void theWaiterAndTheConfigurationAreTheApplicationClients() throws NoSuchMethodException {
		for (Class<?> metered : List.of(MeteredDynamoDbClient.class, MeteredDynamoDbAsyncClient.class)) {
			assertThat(metered.getDeclaredMethod("waiter").getDeclaringClass()).isEqualTo(metered);
			assertThat(metered.getDeclaredMethod("serviceClientConfiguration").getDeclaringClass()).isEqualTo(metered);
			assertThat(metered.getDeclaredMethod("close").getDeclaringClass()).isEqualTo(metered);
		}
	}

	private static List<String> undeclaredOperations(Class<?> client, Class<?> metered) {
		List<String> missing = new ArrayList<>();
		for (Method operation : operations(client)) {
			try {
				metered.getDeclaredMethod(operation.getName(), operation.getParameterTypes());
			}
			catch (NoSuchMethodException ex) {
				missing.add(operation.getName());
			}
		}
		return missing;
	}

	/**
	 * The methods of the interface taking one request, except the paginators (which send through them).
	 */
	private static List<Method> operations(Class<?> client) {
		List<Method> operations = new ArrayList<>();
		for (Method method : client.getDeclaredMethods()) {
			if (!Modifier.isStatic(method.getModifiers()) && method.getParameterCount() == 1
					&& SdkRequest.class.isAssignableFrom(method.getParameterTypes()[0])
					&& !method.getName().endsWith("Paginator")) {
				operations.add(method);
			}
		}
		return operations;
	}

}
