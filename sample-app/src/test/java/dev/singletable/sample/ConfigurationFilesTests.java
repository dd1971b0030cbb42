package dev.singletable.sample;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import dev.singletable.autoconfigure.SingleTableProperties;
import dev.singletable.autoconfigure.SingleTableProperties.TableCreation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binds {@code application.yml} and {@code application-prod.yml} as the starter does, without starting anything:
 * the default runs on the embedded DynamoDB Local, the {@code prod} profile on a real table that it only checks.
 */
class ConfigurationFilesTests {

	@Test
	void defaultConfigurationLeavesTheEmbeddedDynamoDbLocalOn() throws IOException {
		SingleTableProperties properties = bind(Map.of(), "application.yml");

		assertThat(properties.tableName()).isEqualTo("knowledge-base");
		// Neither endpoint nor region: with DynamoDB Local on the classpath, the starter runs it in memory
		assertThat(properties.endpoint()).isNull();
		assertThat(properties.region()).isNull();
		assertThat(properties.embedded().enabled()).isNull();
		assertThat(properties.compression().enabled()).isTrue();
		assertThat(properties.versioning().maxVersions()).isEqualTo(20);
	}

	@Test
	void prodProfileUsesARealTableThatItOnlyValidates() throws IOException {
		SingleTableProperties properties = bind(Map.of(), "application-prod.yml", "application.yml");

		assertThat(properties.region()).isEqualTo("eu-west-1");
		assertThat(properties.tableName()).isEqualTo("knowledge-base");
		assertThat(properties.endpoint()).isNull();
		assertThat(properties.embedded().enabled()).isFalse();
		assertThat(properties.table().create()).isEqualTo(TableCreation.VALIDATE);
		assertThat(properties.versioning().maxVersions()).isEqualTo(20);
	}

	@Test
	void prodProfileTakesRegionAndTableFromTheEnvironment() throws IOException {
		SingleTableProperties properties = bind(
				Map.of("AWS_REGION", "us-west-2", "KNOWLEDGE_BASE_TABLE", "kb-production"), "application-prod.yml",
				"application.yml");

		assertThat(properties.region()).isEqualTo("us-west-2");
		assertThat(properties.tableName()).isEqualTo("kb-production");
	}

	private static SingleTableProperties bind(Map<String, Object> environmentVariables, String... files)
			throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		// Only what the test gives: the machine's own AWS_REGION must not leak in
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource("environment", environmentVariables));
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		for (String file : files) {
			loader.load(file, new ClassPathResource(file)).forEach(sources::addLast);
		}
		return Binder.get(environment).bind("singletable", SingleTableProperties.class).get();
	}

}
