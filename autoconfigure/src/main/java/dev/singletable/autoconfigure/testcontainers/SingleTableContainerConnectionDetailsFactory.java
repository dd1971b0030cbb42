package dev.singletable.autoconfigure.testcontainers;

import java.net.URI;
import java.util.List;

import org.testcontainers.containers.Container;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.singletable.autoconfigure.SingleTableConnectionDetails;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * {@link ContainerConnectionDetailsFactory} that creates {@link SingleTableConnectionDetails} from a
 * {@link ServiceConnection @ServiceConnection}-annotated container running the {@code amazon/dynamodb-local}
 * (port 8000) or {@code localstack/localstack} (port 4566) image:
 * <pre class="code">
 * &#64;Container
 * &#64;ServiceConnection
 * static GenericContainer&lt;?&gt; dynamoDb = new GenericContainer&lt;&gt;("amazon/dynamodb-local:2.6.1").withExposedPorts(8000);
 * </pre>
 * The details name the container's mapped port, {@code us-east-1} and dummy credentials, which both emulators
 * accept.
 */
class SingleTableContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, SingleTableConnectionDetails> {

	/** Image of DynamoDB Local. */
	static final String DYNAMODB_LOCAL_IMAGE = "amazon/dynamodb-local";

	/** Image of LocalStack. */
	static final String LOCALSTACK_IMAGE = "localstack/localstack";

	private static final int DYNAMODB_LOCAL_PORT = 8000;

	private static final int LOCALSTACK_PORT = 4566;

	private static final String REGION = "us-east-1";

	/**
	 * Creates the factory, registered in {@code META-INF/spring.factories}.
	 */
	SingleTableContainerConnectionDetailsFactory() {
		super(List.of(DYNAMODB_LOCAL_IMAGE, LOCALSTACK_IMAGE));
	}

	@Override
	protected SingleTableConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<Container<?>> source) {
		return new ContainerSingleTableConnectionDetails(source);
	}

	/**
	 * Port the emulator in the given image listens on inside its container.
	 * @param imageName the full image name, for example {@code localstack/localstack:4.4}
	 * @return the container port
	 */
	static int containerPort(String imageName) {
		return imageName.contains(LOCALSTACK_IMAGE) ? LOCALSTACK_PORT : DYNAMODB_LOCAL_PORT;
	}

	/**
	 * {@link SingleTableConnectionDetails} backed by a {@link ContainerConnectionSource}.
	 */
	private static final class ContainerSingleTableConnectionDetails extends ContainerConnectionDetails<Container<?>>
			implements SingleTableConnectionDetails {

		private ContainerSingleTableConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public URI getEndpoint() {
			Container<?> container = getContainer();
			int port = container.getMappedPort(containerPort(container.getDockerImageName()));
			return URI.create("http://" + container.getHost() + ":" + port);
		}

		@Override
		public String getRegion() {
			return REGION;
		}

		@Override
		public AwsCredentialsProvider getCredentialsProvider() {
			// Emulators accept any credentials, also when Docker runs on another host
			return StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));
		}

	}

}
