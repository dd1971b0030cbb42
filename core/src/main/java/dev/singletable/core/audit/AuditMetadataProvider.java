package dev.singletable.core.audit;

import java.util.Map;

/**
 * Supplies metadata that every audit row written by the template carries in its {@code audit_metadata} — a request
 * id from the logging MDC, the host, the application version — like Spring Data's {@code AuditorAware} supplies
 * {@code changed_by}. Asked once per audited change, on the thread making it, when the change is made (queued, in
 * a transaction). The {@link AuditDetails} bound by {@link AuditScope} take precedence over it key by key.
 * <p>
 * Spring Boot applications declare it as a bean; the auto-configuration hands it to the template (several beans
 * are asked in their order, a later one winning on a shared key).
 * <pre class="code">
 * &#64;Bean
 * AuditMetadataProvider requestId() {
 *     return () -&gt; (MDC.get("requestId") != null) ? Map.of("request_id", MDC.get("requestId")) : Map.of();
 * }
 * </pre>
 * Values follow the rules of {@link AuditDetails#with(String, Object)}; an invalid one fails the write with an
 * {@link InvalidAuditMetadataException} before anything is written.
 */
@FunctionalInterface
public interface AuditMetadataProvider {

	/**
	 * Returns the metadata for the audit row of the change being made now.
	 * @return the metadata; empty (or {@literal null}) for none
	 */
	Map<String, ?> getAuditMetadata();

}
