package dev.singletable.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import dev.singletable.autoconfigure.drift.SingleTableDriftProperties;
import dev.singletable.autoconfigure.events.SingleTableChangesProperties;
import dev.singletable.autoconfigure.evolution.SingleTableBackfillProperties;
import dev.singletable.autoconfigure.evolution.SingleTableMigrationsProperties;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionProperties;
import dev.singletable.core.schema.IndexDriftAction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests the defaults of the properties records that set some of them in their constructors instead of by
 * {@code @DefaultValue} parameters (the drift, backfill, migrations, transaction, change events and blob settings,
 * the embedded server's persistent store, the cursor rotation's grace): bound from nothing, each record equals the
 * record bound from the defaults the configuration metadata lists, and a set value is still bound by its relaxed names
 * and fails naming the property when it is bad.
 */
class PropertiesDefaultsTests {

	@ParameterizedTest
	@CsvSource({ "singletable.drift, 4", "singletable.backfill, 6", "singletable.migrations, 2",
			"singletable.transaction, 2", "singletable.changes, 13", "singletable.blobs, 7",
			"singletable.cursor-rotation, 1" })
	void aRecordBoundFromNothingHasTheDefaultsTheMetadataLists(String prefix, int properties) throws IOException {
		Class<?> type = switch (prefix) {
			case "singletable.drift" -> SingleTableDriftProperties.class;
			case "singletable.backfill" -> SingleTableBackfillProperties.class;
			case "singletable.migrations" -> SingleTableMigrationsProperties.class;
			case "singletable.changes" -> SingleTableChangesProperties.class;
			case "singletable.blobs" -> SingleTableBlobsProperties.class;
			case "singletable.cursor-rotation" -> SingleTableProperties.CursorRotation.class;
			default -> SingleTableTransactionProperties.class;
		};
		Map<String, String> defaults = metadataDefaults(prefix + ".");
		assertThat(defaults).as("defaults of %s in the configuration metadata", prefix).hasSize(properties);
		Object fromNothing = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate(prefix, type);
		Object fromMetadata = new Binder(new MapConfigurationPropertySource(defaults)).bindOrCreate(prefix, type);
		assertThat(fromNothing).isEqualTo(fromMetadata);
	}

	@ParameterizedTest
	@CsvSource({ "singletable, dev.singletable.autoconfigure.SingleTableProperties",
			"singletable.drift, dev.singletable.autoconfigure.drift.SingleTableDriftProperties",
			"singletable.backfill, dev.singletable.autoconfigure.evolution.SingleTableBackfillProperties",
			"singletable.migrations, dev.singletable.autoconfigure.evolution.SingleTableMigrationsProperties",
			"singletable.transaction, dev.singletable.autoconfigure.transaction.SingleTableTransactionProperties",
			"singletable.changes, dev.singletable.autoconfigure.events.SingleTableChangesProperties",
			"singletable.blobs, dev.singletable.autoconfigure.SingleTableBlobsProperties" })
	void aRecordBoundWithItsDefaultsConvertsNoDurationSizeOrEnumFromText(String prefix, Class<?> type) {
		List<Class<?>> converted = new ArrayList<>();
		ApplicationConversionService conversions = new ApplicationConversionService() {

			@Override
			public @Nullable Object convert(@Nullable Object source, @Nullable TypeDescriptor sourceType,
					TypeDescriptor targetType) {
				converted.add(targetType.getType());
				return super.convert(source, sourceType, targetType);
			}

		};
		Binder binder = new Binder(List.of(new MapConfigurationPropertySource(Map.of("singletable.table-name", "app",
				"singletable.embedded.enabled", "false", "singletable.cursor-rotation.previous-secrets",
				"0123456789abcdef"))), null, conversions);
		assertThat(binder.bindOrCreate(prefix, type)).isNotNull();
		// what is left are the booleans and numbers whose default is not the value of an unbound primitive
		assertThat(converted).as("types converted from text binding %s", prefix)
			.noneMatch((target) -> Duration.class.equals(target) || DataSize.class.equals(target) || target.isEnum())
			.allMatch((target) -> target.isPrimitive() || String.class.equals(target) || List.class.equals(target)
					|| Boolean.class.equals(target));
	}

	@Test
	void theDefaultsAreTheDocumentedValues() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
		assertThat(binder.bindOrCreate("singletable.drift", SingleTableDriftProperties.class))
			.isEqualTo(new SingleTableDriftProperties(true, IndexDriftAction.REFUSE, IndexDriftAction.REFUSE,
					Duration.ofSeconds(5)));
		SingleTableBackfillProperties backfill = binder.bindOrCreate("singletable.backfill",
				SingleTableBackfillProperties.class);
		assertThat(backfill.leaseDuration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(backfill.progressInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(binder.bindOrCreate("singletable.migrations", SingleTableMigrationsProperties.class).pollInterval())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(binder.bindOrCreate("singletable.transaction", SingleTableTransactionProperties.class).reactive()
			.enabled()).isTrue();
	}

	@Test
	void aSetValueIsBoundByItsRelaxedNames() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("singletable.drift.onQuery", "WARN",
					"singletable.backfill.lease-duration", "2m", "singletable.transaction.reactive.enabled", "false")));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("SINGLETABLE_DRIFT_POLLINTERVAL", "250ms", "SINGLETABLE_MIGRATIONS_POLLINTERVAL",
									"3s")));
		Binder binder = new Binder(ConfigurationPropertySources.get(environment));
		SingleTableDriftProperties drift = binder.bindOrCreate("singletable.drift", SingleTableDriftProperties.class);
		assertThat(drift.onQuery()).isEqualTo(IndexDriftAction.WARN);
		assertThat(drift.onStaleDefinitions()).isEqualTo(IndexDriftAction.REFUSE);
		assertThat(drift.pollInterval()).isEqualTo(Duration.ofMillis(250));
		SingleTableBackfillProperties backfill = binder.bindOrCreate("singletable.backfill",
				SingleTableBackfillProperties.class);
		assertThat(backfill.leaseDuration()).isEqualTo(Duration.ofMinutes(2));
		assertThat(backfill.progressInterval()).isEqualTo(Duration.ofSeconds(10));
		assertThat(binder.bindOrCreate("singletable.migrations", SingleTableMigrationsProperties.class).pollInterval())
			.isEqualTo(Duration.ofSeconds(3));
		assertThat(binder.bindOrCreate("singletable.transaction", SingleTableTransactionProperties.class).reactive()
			.enabled()).isFalse();
	}

	@Test
	void aBadValueFailsNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of("singletable.drift.poll-interval",
					"soon")))
				.bindOrCreate("singletable.drift", SingleTableDriftProperties.class))
			.satisfies((ex) -> assertThat(ex.getProperty().getName()).hasToString("singletable.drift.poll-interval"));
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> new Binder(new MapConfigurationPropertySource(Map.of("singletable.drift.on-query",
					"ignore")))
				.bindOrCreate("singletable.drift", SingleTableDriftProperties.class))
			.satisfies((ex) -> assertThat(ex.getProperty().getName()).hasToString("singletable.drift.on-query"));
	}

	@Test
	void aBlankPersistentStoreOfTheEmbeddedServerStillFails() {
		for (String blank : new String[] { "", " " }) {
			assertThatExceptionOfType(BindException.class)
				.isThrownBy(() -> new Binder(new MapConfigurationPropertySource(
						Map.of("singletable.table-name", "app", "singletable.embedded.persistent", blank)))
					.bind("singletable", SingleTableProperties.class))
				.havingRootCause()
				.withMessage("singletable.embedded.persistent must be true, false or a directory, but was blank");
		}
		SingleTableProperties properties = new Binder(new MapConfigurationPropertySource(
				Map.of("singletable.table-name", "app", "singletable.embedded.enabled", "false")))
			.bind("singletable", SingleTableProperties.class)
			.get();
		assertThat(properties.embedded()).isEqualTo(new SingleTableProperties.Embedded(false, 0, "false"));
		assertThat(properties.embedded().persistentDirectory()).isNull();
	}

	/**
	 * The default values the generated {@code META-INF/spring-configuration-metadata.json} of this module lists for
	 * the properties under the prefix, as text.
	 */
	private static Map<String, String> metadataDefaults(String prefix) throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Map<String, String> defaults = new LinkedHashMap<>();
		for (URL resource : Collections.list(PropertiesDefaultsTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = resource.openStream()) {
				for (JsonNode property : mapper.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith(prefix) && property.has("defaultValue")) {
						defaults.put(name, property.path("defaultValue").asString());
					}
				}
			}
		}
		return defaults;
	}

}
