package dev.singletable.autoconfigure.testcontainers;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableContainerConnectionDetailsFactory} that need no Docker: its registration and how it
 * picks the container port. {@link SingleTableContainerConnectionDetailsFactoryIntegrationTests} runs a container
 * where Docker is available.
 */
class SingleTableContainerConnectionDetailsFactoryTests {

	@Test
	void isRegisteredInSpringFactories() {
		List<ConnectionDetailsFactory> factories = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class);
		assertThat(factories).hasAtLeastOneElementOfType(SingleTableContainerConnectionDetailsFactory.class);
	}

	@Test
	void usesThePortOfTheEmulatorInTheImage() {
		assertThat(SingleTableContainerConnectionDetailsFactory.containerPort("amazon/dynamodb-local:2.6.1"))
			.isEqualTo(8000);
		assertThat(SingleTableContainerConnectionDetailsFactory.containerPort("localstack/localstack:4.4"))
			.isEqualTo(4566);
	}

}
