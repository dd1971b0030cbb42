package dev.singletable.repository.support;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.singletable.core.SingleTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository factory's projection factory is made at its first use, once, and is Spring Data's: a projection's
 * SpEL reads the application's beans as before. Nothing here sends a request: the client is never called.
 */
class FirstUseProjectionFactoryTests {

	@Test
	void isMadeAtItsFirstUseAndOnlyOnce() {
		AtomicInteger made = new AtomicInteger();
		FirstUseProjectionFactory projections = new FirstUseProjectionFactory(() -> {
			made.incrementAndGet();
			return new SpelAwareProxyProjectionFactory();
		});

		assertThat(made).as("made with the repository").hasValue(0);
		assertThat(projections.getProjectionInformation(Named.class).getType()).isEqualTo(Named.class);
		assertThat(projections.createProjection(Named.class, new Thing("a")).name()).isEqualTo("a");
		assertThat(projections.createProjection(Named.class)).isNotNull();
		assertThat(made).hasValue(1);
		assertThat(projections.isMade()).isTrue();
	}

	@Test
	void theRepositoryFactorysProjectionFactoryIsMadeAtItsFirstUseWithTheApplicationsBeans() {
		DynamoDbClient client = DynamoDbClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build();
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(new SingleTableTemplate(client, "t"));
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("prefix", "tag:");

		ProjectionFactory projections = factory.getProjectionFactory(getClass().getClassLoader(), beans);

		assertThat(projections).isInstanceOfSatisfying(FirstUseProjectionFactory.class,
				(firstUse) -> assertThat(firstUse.isMade()).as("made with the repository").isFalse());
		assertThat(projections.createProjection(Labelled.class, new Thing("a")).label()).isEqualTo("tag:a");
		assertThat(((FirstUseProjectionFactory) projections).isMade()).isTrue();
		client.close();
	}

	/** A projection's source. */
	record Thing(String name) {
	}

	/** A closed projection. */
	interface Named {

		String name();

	}

	/** An open projection reading a bean. */
	interface Labelled {

		@Value("#{@prefix + target.name()}")
		String label();

	}

}
