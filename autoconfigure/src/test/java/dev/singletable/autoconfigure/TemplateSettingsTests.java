package dev.singletable.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.core.audit.AuditMetadataProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping of the {@code singletable.*} properties and auditing beans to a template's settings, which the
 * blocking and the reactive auto-configuration share: each setting reaches the template's setter with the property's
 * value, what is not configured is not set, and several metadata providers are merged in order.
 */
class TemplateSettingsTests {

	@Test
	void everyPropertyReachesItsSetterWithItsValue() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		AuditorAware<String> auditor = () -> Optional.of("ann");
		beans.addBean("auditor", auditor);
		beans.addBean("first", (AuditMetadataProvider) () -> Map.of("host", "a", "request", "1"));
		beans.addBean("second", (AuditMetadataProvider) () -> Map.of("request", "2"));
		Recorded recorded = new Recorded();

		TemplateSettings.of(properties(Map.of("singletable.table-name", "t", "singletable.consistent-reads", "true",
				"singletable.python-compatibility.allow-dropping-blobs-and-metadata", "true",
				"singletable.counts.enabled", "true", "singletable.audit.shards", "4",
				"singletable.cursor-secret", "the-current-secret",
				"singletable.cursor-rotation.previous-secrets", "previous-secret-one,previous-secret-two",
				"singletable.cursor-rotation.grace", "1h")),
				beans.getBeanProvider(auditorType()), beans.getBeanProvider(AuditMetadataProvider.class))
			.applyTo(recorded.target());

		assertThat(recorded.values).containsEntry("consistentReads", true)
			.containsEntry("allowDroppingBlobsAndMetadata", true)
			.containsEntry("trackCounts", true)
			.containsEntry("auditShards", 4)
			.containsEntry("auditorAware", auditor)
			.containsEntry("cursorSecret", "the-current-secret")
			.containsEntry("previousCursorSecrets", List.of("previous-secret-one", "previous-secret-two"))
			.containsEntry("grace", Duration.ofHours(1));
		AuditMetadataProvider provider = (AuditMetadataProvider) recorded.values.get("auditMetadataProvider");
		assertThat(provider.getAuditMetadata()).isEqualTo(Map.of("host", "a", "request", "2"));
	}

	@Test
	void whatIsNotConfiguredIsNotSet() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		// two auditors: none is the template's
		beans.addBean("one", (AuditorAware<String>) () -> Optional.of("ann"));
		beans.addBean("two", (AuditorAware<String>) () -> Optional.of("bob"));
		Recorded recorded = new Recorded();

		TemplateSettings.of(properties(Map.of("singletable.table-name", "t")), beans.getBeanProvider(auditorType()),
				beans.getBeanProvider(AuditMetadataProvider.class))
			.applyTo(recorded.target());

		assertThat(recorded.values).containsOnlyKeys("consistentReads", "allowDroppingBlobsAndMetadata", "trackCounts",
				"auditShards");
		assertThat(recorded.values).containsEntry("consistentReads", false)
			.containsEntry("trackCounts", false)
			.containsEntry("auditShards", 1);
	}

	private static SingleTableProperties properties(Map<String, String> values) {
		return new Binder(List.of(new MapConfigurationPropertySource(values)), null,
				ApplicationConversionService.getSharedInstance())
			.bindOrCreate("singletable", SingleTableProperties.class);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Class<AuditorAware<?>> auditorType() {
		return (Class) AuditorAware.class;
	}

	/** The setters' calls, by setter. */
	private static final class Recorded {

		private final Map<String, Object> values = new LinkedHashMap<>();

		TemplateSettings.Target target() {
			return new TemplateSettings.Target((value) -> this.values.put("consistentReads", value),
					(value) -> this.values.put("allowDroppingBlobsAndMetadata", value),
					(value) -> this.values.put("trackCounts", value), (value) -> this.values.put("auditShards", value),
					(value) -> this.values.put("auditorAware", value),
					(value) -> this.values.put("auditMetadataProvider", value),
					(value) -> this.values.put("cursorSecret", new String(value, StandardCharsets.UTF_8)),
					(secrets, grace) -> {
						List<String> previous = new ArrayList<>();
						secrets.forEach((secret) -> previous.add(new String(secret, StandardCharsets.UTF_8)));
						this.values.put("previousCursorSecrets", previous);
						this.values.put("grace", grace);
					});
		}

	}

}
