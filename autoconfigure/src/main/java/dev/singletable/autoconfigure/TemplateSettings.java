package dev.singletable.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditMetadataProvider;

/**
 * The {@code singletable.*} properties and beans mapped to a template's settings once, for the blocking
 * ({@link SingleTableAutoConfiguration}) and the reactive ({@link SingleTableReactiveAutoConfiguration})
 * auto-configuration alike: read consistency, dropping of the Python layout's attributes, per-type counts, audit
 * shards, the cursor secret and its rotation, the application's unique {@code AuditorAware} and its
 * {@code AuditMetadataProvider}s (merged in order). A template of either API takes them through its setters
 * ({@link Target}); what only one API has (the blocking template's concurrency and stream prefetch, the reactive
 * template's {@code ReactiveAuditorAware}) its auto-configuration sets itself.
 */
final class TemplateSettings {

	private final SingleTableProperties properties;

	private final @Nullable AuditorAware<?> auditor;

	private final @Nullable AuditMetadataProvider metadata;

	private TemplateSettings(SingleTableProperties properties, @Nullable AuditorAware<?> auditor,
			@Nullable AuditMetadataProvider metadata) {
		this.properties = properties;
		this.auditor = auditor;
		this.metadata = metadata;
	}

	/**
	 * Maps the properties and the application's auditing beans to the settings of a template.
	 * @param auditors the application's auditors: the unique one is the template's
	 * @param metadata the application's metadata providers, in order: one is the template's, several are merged
	 */
	static TemplateSettings of(SingleTableProperties properties, ObjectProvider<AuditorAware<?>> auditors,
			ObjectProvider<AuditMetadataProvider> metadata) {
		List<AuditMetadataProvider> providers = metadata.orderedStream().toList();
		AuditMetadataProvider provider = providers.isEmpty() ? null
				: (providers.size() == 1) ? providers.get(0) : () -> merged(providers);
		return new TemplateSettings(properties, auditors.getIfUnique(), provider);
	}

	/**
	 * Sets the settings on a template, through its setters.
	 */
	void applyTo(Target template) {
		template.consistentReads().accept(this.properties.consistentReads());
		template.allowDroppingBlobsAndMetadata()
			.accept(this.properties.pythonCompatibility().allowDroppingBlobsAndMetadata());
		template.trackCounts().accept(this.properties.counts().enabled());
		template.auditShards().accept(this.properties.audit().shards());
		if (this.auditor != null) {
			template.auditorAware().accept(this.auditor);
		}
		if (this.metadata != null) {
			template.auditMetadataProvider().accept(this.metadata);
		}
		String cursorSecret = this.properties.cursorSecret();
		if (cursorSecret != null) {
			template.cursorSecret().accept(cursorSecret.getBytes(StandardCharsets.UTF_8));
		}
		SingleTableProperties.CursorRotation rotation = this.properties.cursorRotation();
		if (!rotation.previousSecrets().isEmpty()) {
			template.previousCursorSecrets()
				.accept(rotation.previousSecrets()
					.stream()
					.map((secret) -> secret.getBytes(StandardCharsets.UTF_8))
					.toList(), rotation.grace());
		}
	}

	/**
	 * The metadata of several providers, asked in their order, a later one winning on a shared key.
	 */
	static Map<String, ?> merged(List<AuditMetadataProvider> providers) {
		Map<String, Object> all = new LinkedHashMap<>();
		for (AuditMetadataProvider provider : providers) {
			Map<String, ?> provided = provider.getAuditMetadata();
			if (provided != null) {
				all.putAll(provided);
			}
		}
		return all;
	}

	/**
	 * The setters of a template of either API that the settings go through.
	 */
	record Target(Consumer<Boolean> consistentReads, Consumer<Boolean> allowDroppingBlobsAndMetadata,
			Consumer<Boolean> trackCounts, IntConsumer auditShards, Consumer<AuditorAware<?>> auditorAware,
			Consumer<AuditMetadataProvider> auditMetadataProvider, Consumer<byte[]> cursorSecret,
			BiConsumer<List<byte[]>, Duration> previousCursorSecrets) {

		/**
		 * The setters of a blocking template.
		 */
		static Target of(SingleTableTemplate template) {
			return new Target(template::setConsistentReads, template::setAllowDroppingBlobsAndMetadata,
					template::setTrackCounts, template::setAuditShards, template::setAuditorAware,
					template::setAuditMetadataProvider, template::setCursorSecret, template::setPreviousCursorSecrets);
		}

	}

}
