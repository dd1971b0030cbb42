package dev.singletable.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.singletable.autoconfigure.SingleTableProperties.Audit;
import dev.singletable.autoconfigure.SingleTableProperties.Compression;
import dev.singletable.autoconfigure.SingleTableProperties.Concurrency;
import dev.singletable.autoconfigure.SingleTableProperties.Counts;
import dev.singletable.autoconfigure.SingleTableProperties.CursorRotation;
import dev.singletable.autoconfigure.SingleTableProperties.Embedded;
import dev.singletable.autoconfigure.SingleTableProperties.PythonCompatibility;
import dev.singletable.autoconfigure.SingleTableProperties.Repositories;
import dev.singletable.autoconfigure.SingleTableProperties.Streams;
import dev.singletable.autoconfigure.SingleTableProperties.Table;
import dev.singletable.autoconfigure.SingleTableProperties.TableCreation;
import dev.singletable.autoconfigure.SingleTableProperties.Versioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests how {@link SingleTableProperties} is bound: a group none of whose properties is set takes the defaults its
 * {@code @DefaultValue} parameters declare (the binder's own defaults of the group), a group with one property set
 * takes the others' defaults, and a bad value still fails naming the property.
 */
class SingleTablePropertiesBindingTests {

	@Test
	void aGroupWithNoPropertySetHasTheDefaultsItsParametersDeclare() {
		Binder binder = binder(Map.of("singletable.table-name", "app"));
		SingleTableProperties properties = binder.bind("singletable", SingleTableProperties.class).get();
		// bindOrCreate makes each group from its @DefaultValue parameters, as the binder did for the whole group
		assertThat(properties.compression()).isEqualTo(binder.bindOrCreate("singletable.compression", Compression.class));
		assertThat(properties.versioning()).isEqualTo(binder.bindOrCreate("singletable.versioning", Versioning.class));
		assertThat(properties.table()).isEqualTo(binder.bindOrCreate("singletable.table", Table.class));
		assertThat(properties.embedded()).isEqualTo(binder.bindOrCreate("singletable.embedded", Embedded.class));
		assertThat(properties.repositories())
			.isEqualTo(binder.bindOrCreate("singletable.repositories", Repositories.class));
		assertThat(properties.concurrency()).isEqualTo(binder.bindOrCreate("singletable.concurrency", Concurrency.class));
		assertThat(properties.stream()).isEqualTo(binder.bindOrCreate("singletable.stream", Streams.class));
		assertThat(properties.counts()).isEqualTo(binder.bindOrCreate("singletable.counts", Counts.class));
		assertThat(properties.pythonCompatibility())
			.isEqualTo(binder.bindOrCreate("singletable.python-compatibility", PythonCompatibility.class));
		assertThat(properties.cursorRotation())
			.isEqualTo(binder.bindOrCreate("singletable.cursor-rotation", CursorRotation.class));
		assertThat(properties.audit()).isEqualTo(binder.bindOrCreate("singletable.audit", Audit.class));
		// and the values the reference documents
		assertThat(properties.table().create()).isEqualTo(TableCreation.VALIDATE);
		assertThat(properties.compression().level()).isEqualTo(1);
		assertThat(properties.concurrency().maxRequests()).isEqualTo(8);
		assertThat(properties.cursorRotation().grace()).isEqualTo(Duration.ofHours(24));
		assertThat(properties.cursorRotation().previousSecrets()).isEmpty();
		assertThat(properties.embedded().persistentDirectory()).isNull();
	}

	@Test
	void aGroupWithOnePropertySetHasTheDefaultsOfTheOthers() {
		SingleTableProperties properties = binder(Map.of("singletable.table-name", "app",
				"singletable.compression.enabled", "true", "singletable.cursor-rotation.previous-secrets",
				"0123456789abcdef", "singletable.embedded.port", "8123"))
			.bind("singletable", SingleTableProperties.class)
			.get();
		assertThat(properties.compression()).isEqualTo(new Compression(true, 1));
		assertThat(properties.cursorRotation())
			.isEqualTo(new CursorRotation(List.of("0123456789abcdef"), Duration.ofHours(24)));
		assertThat(properties.embedded()).isEqualTo(new Embedded(null, 8123, "false"));
	}

	@Test
	void aBadValueOfAGroupFailsNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder(Map.of("singletable.table-name", "app", "singletable.compression.level", "12"))
				.bind("singletable", SingleTableProperties.class))
			.havingRootCause()
			.withMessage("singletable.compression.level must be a gzip level from 1 (fastest) to 9 (smallest), but was 12");
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder(Map.of("singletable.table-name", "app", "singletable.cursor-rotation.grace", "-1s"))
				.bind("singletable", SingleTableProperties.class))
			.havingRootCause()
			.withMessage("singletable.cursor-rotation.grace must not be negative, but is PT-1S");
	}

	@Test
	void aMissingTableNameFailsNamingTheProperty() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder(Map.of("singletable.region", "eu-west-1")).bind("singletable",
					SingleTableProperties.class))
			.havingRootCause()
			.withMessageStartingWith("singletable.table-name must be set");
	}

	private static Binder binder(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties));
	}

}
