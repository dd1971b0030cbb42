package com.example.reference;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production profile of configuration.md binds as the starter binds it, without starting anything.
 */
class ProductionProfileTests {

	@Test
	void theProdProfileUsesARealTableThatItOnlyValidates() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addFirst(new MapPropertySource("environment",
				Map.of("AWS_REGION", "us-west-2", "MY_APP_CURSOR_SECRET", "0123456789abcdef-secret")));
		YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
		for (String file : new String[] { "application-prod.yml", "application.yml" }) {
			loader.load(file, new ClassPathResource(file)).forEach(sources::addLast);
		}

		SingleTableProperties properties = Binder.get(environment).bind("singletable", SingleTableProperties.class).get();

		assertThat(properties.region()).isEqualTo("us-west-2");
		assertThat(properties.tableName()).isEqualTo("my-app");
		assertThat(properties.cursorSecret()).isEqualTo("0123456789abcdef-secret");
		assertThat(properties.embedded().enabled()).isFalse();
		assertThat(properties.table().create()).hasToString("VALIDATE");
	}

}
