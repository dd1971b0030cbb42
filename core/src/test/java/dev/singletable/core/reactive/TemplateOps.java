package dev.singletable.core.reactive;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.S3Local;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.s3.S3AsyncClient;

/**
 * The operations by id that {@link TemplateBehaviourSuite} runs, on either API: the blocking template's as they are,
 * the reactive template's blocked on in the test (and only there).
 */
interface TemplateOps {

	<T> T create(T entity);

	<T> T update(T entity);

	<T> T update(T entity, Changes changes);

	<T> T save(T entity);

	<T> Optional<T> findById(Class<T> type, String id);

	<T> T getById(Class<T> type, String id);

	<T> Optional<T> findVersion(Class<T> type, String id, long version);

	<T> List<T> findAllVersions(Class<T> type, String id);

	<T> T restoreVersion(Class<T> type, String id, long version);

	<T> boolean deleteById(Class<T> type, String id);

	<T> void delete(T entity);

	<T> void deleteExisting(T entity);

	<T> List<VersionSummary> findVersionSummaries(Class<T> type, String id);

	<T> Optional<T> findSingleton(Class<T> type);

	<T> boolean deleteVersion(Class<T> type, String id, long version);

	<T> List<T> findAllById(Class<T> type, Collection<String> ids);

	<T> List<T> putAll(Collection<T> entities);

	<T> void deleteAllById(Class<T> type, Collection<String> ids);

	<T> long increment(Class<T> type, String id, String property, long delta);

	<T> void addToSet(Class<T> type, String id, String property, String... values);

	<T> void removeFromSet(Class<T> type, String id, String property, String... values);

	<T> void appendToList(Class<T> type, String id, String property, Object... values);

	void setTrackCounts(boolean trackCounts);

	Map<String, Long> countsByType();

	/** Sets the current auditor (the reactive template's through a {@code ReactiveAuditorAware}). */
	void setAuditor(Supplier<String> auditor);

	/** Sets the metadata every audit row carries. */
	void setAuditMetadata(Map<String, ?> metadata);

	/** One page of the audit log rows of a resource, newest first. */
	QueryPage<AuditEntry> auditPage(String type, String id, int limit, String cursor);

	/** Every audit log row of the table. */
	List<AuditEntry> allAuditRows();

	/** Loads blob values from a bucket of the in-process S3 ({@code S3Local}). */
	void useBlobStorage(String bucket, String prefix);

	<V> V loadBlob(Object entity, String property);

	<T> T loadBlobs(T entity);

	/**
	 * The blocking template's operations.
	 */
	static TemplateOps blocking(SingleTableTemplate template) {
		return new TemplateOps() {

			@Override
			public <T> T create(T entity) {
				return template.create(entity);
			}

			@Override
			public <T> T update(T entity) {
				return template.update(entity);
			}

			@Override
			public <T> T update(T entity, Changes changes) {
				return template.update(entity, changes);
			}

			@Override
			public <T> T save(T entity) {
				return template.save(entity);
			}

			@Override
			public <T> Optional<T> findById(Class<T> type, String id) {
				return template.findById(type, id);
			}

			@Override
			public <T> T getById(Class<T> type, String id) {
				return template.getById(type, id);
			}

			@Override
			public <T> Optional<T> findVersion(Class<T> type, String id, long version) {
				return template.findVersion(type, id, version);
			}

			@Override
			public <T> List<T> findAllVersions(Class<T> type, String id) {
				return template.findAllVersions(type, id);
			}

			@Override
			public <T> T restoreVersion(Class<T> type, String id, long version) {
				return template.restoreVersion(type, id, version);
			}

			@Override
			public <T> boolean deleteById(Class<T> type, String id) {
				return template.deleteById(type, id);
			}

			@Override
			public <T> void delete(T entity) {
				template.delete(entity);
			}

			@Override
			public <T> void deleteExisting(T entity) {
				template.deleteExisting(entity);
			}

			@Override
			public <T> List<VersionSummary> findVersionSummaries(Class<T> type, String id) {
				return template.findVersionSummaries(type, id);
			}

			@Override
			public <T> Optional<T> findSingleton(Class<T> type) {
				return template.findSingleton(type);
			}

			@Override
			public <T> boolean deleteVersion(Class<T> type, String id, long version) {
				return template.deleteVersion(type, id, version);
			}

			@Override
			public <T> List<T> findAllById(Class<T> type, Collection<String> ids) {
				return template.findAllById(type, ids);
			}

			@Override
			public <T> List<T> putAll(Collection<T> entities) {
				return template.putAll(entities);
			}

			@Override
			public <T> void deleteAllById(Class<T> type, Collection<String> ids) {
				template.deleteAllById(type, ids);
			}

			@Override
			public <T> long increment(Class<T> type, String id, String property, long delta) {
				return template.increment(type, id, property, delta);
			}

			@Override
			public <T> void addToSet(Class<T> type, String id, String property, String... values) {
				template.addToSet(type, id, property, values);
			}

			@Override
			public <T> void removeFromSet(Class<T> type, String id, String property, String... values) {
				template.removeFromSet(type, id, property, values);
			}

			@Override
			public <T> void appendToList(Class<T> type, String id, String property, Object... values) {
				template.appendToList(type, id, property, values);
			}

			@Override
			public void setTrackCounts(boolean trackCounts) {
				template.setTrackCounts(trackCounts);
			}

			@Override
			public Map<String, Long> countsByType() {
				return template.countsByType();
			}

			@Override
			public void setAuditor(Supplier<String> auditor) {
				template.setAuditorAware(() -> Optional.ofNullable(auditor.get()));
			}

			@Override
			public void setAuditMetadata(Map<String, ?> metadata) {
				template.setAuditMetadataProvider(() -> metadata);
			}

			@Override
			public QueryPage<AuditEntry> auditPage(String type, String id, int limit, String cursor) {
				return template.auditLog().forResource(type, id).limit(limit).page(cursor);
			}

			@Override
			public List<AuditEntry> allAuditRows() {
				return template.auditLog().all().stream().toList();
			}

			@Override
			public void useBlobStorage(String bucket, String prefix) {
				template.setBlobStorage(new BlobStorage(S3Local.newClient(), bucket, prefix,
						template.getConverter().getJsonMapper()));
			}

			@Override
			public <V> V loadBlob(Object entity, String property) {
				return template.loadBlob(entity, property);
			}

			@Override
			public <T> T loadBlobs(T entity) {
				return template.loadBlobs(entity);
			}

		};
	}

	/**
	 * The reactive template's operations, each blocked on here, in the test.
	 */
	static TemplateOps reactive(ReactiveSingleTableTemplate template) {
		return new TemplateOps() {

			@Override
			public <T> T create(T entity) {
				return template.create(entity).block();
			}

			@Override
			public <T> T update(T entity) {
				return template.update(entity).block();
			}

			@Override
			public <T> T update(T entity, Changes changes) {
				return template.update(entity, changes).block();
			}

			@Override
			public <T> T save(T entity) {
				return template.save(entity).block();
			}

			@Override
			public <T> Optional<T> findById(Class<T> type, String id) {
				return template.findById(type, id).blockOptional();
			}

			@Override
			public <T> T getById(Class<T> type, String id) {
				return template.getById(type, id).block();
			}

			@Override
			public <T> Optional<T> findVersion(Class<T> type, String id, long version) {
				return template.findVersion(type, id, version).blockOptional();
			}

			@Override
			public <T> List<T> findAllVersions(Class<T> type, String id) {
				return template.findAllVersions(type, id).collectList().block();
			}

			@Override
			public <T> T restoreVersion(Class<T> type, String id, long version) {
				return template.restoreVersion(type, id, version).block();
			}

			@Override
			public <T> boolean deleteById(Class<T> type, String id) {
				return template.deleteById(type, id).block();
			}

			@Override
			public <T> void delete(T entity) {
				template.delete(entity).block();
			}

			@Override
			public <T> void deleteExisting(T entity) {
				template.deleteExisting(entity).block();
			}

			@Override
			public <T> List<VersionSummary> findVersionSummaries(Class<T> type, String id) {
				return template.findVersionSummaries(type, id).collectList().block();
			}

			@Override
			public <T> Optional<T> findSingleton(Class<T> type) {
				return template.findSingleton(type).blockOptional();
			}

			@Override
			public <T> boolean deleteVersion(Class<T> type, String id, long version) {
				return template.deleteVersion(type, id, version).block();
			}

			@Override
			public <T> List<T> findAllById(Class<T> type, Collection<String> ids) {
				return template.findAllById(type, ids).collectList().block();
			}

			@Override
			public <T> List<T> putAll(Collection<T> entities) {
				return template.putAll(entities).collectList().block();
			}

			@Override
			public <T> void deleteAllById(Class<T> type, Collection<String> ids) {
				template.deleteAllById(type, ids).block();
			}

			@Override
			public <T> long increment(Class<T> type, String id, String property, long delta) {
				return template.increment(type, id, property, delta).block();
			}

			@Override
			public <T> void addToSet(Class<T> type, String id, String property, String... values) {
				template.addToSet(type, id, property, values).block();
			}

			@Override
			public <T> void removeFromSet(Class<T> type, String id, String property, String... values) {
				template.removeFromSet(type, id, property, values).block();
			}

			@Override
			public <T> void appendToList(Class<T> type, String id, String property, Object... values) {
				template.appendToList(type, id, property, values).block();
			}

			@Override
			public void setTrackCounts(boolean trackCounts) {
				template.setTrackCounts(trackCounts);
			}

			@Override
			public Map<String, Long> countsByType() {
				return template.countsByType().block();
			}

			@Override
			public void setAuditor(Supplier<String> auditor) {
				template.setReactiveAuditorAware(() -> Mono.fromSupplier(auditor));
			}

			@Override
			public void setAuditMetadata(Map<String, ?> metadata) {
				template.setAuditMetadataProvider(() -> metadata);
			}

			@Override
			public QueryPage<AuditEntry> auditPage(String type, String id, int limit, String cursor) {
				return template.auditLog().forResource(type, id).limit(limit).page(cursor).block();
			}

			@Override
			public List<AuditEntry> allAuditRows() {
				return template.auditLog().all().all().collectList().block();
			}

			@Override
			public void useBlobStorage(String bucket, String prefix) {
				template.setBlobStorage(new ReactiveBlobStorage(AsyncS3.CLIENT, bucket, prefix,
						template.getConverter().getJsonMapper()));
			}

			@Override
			public <V> V loadBlob(Object entity, String property) {
				return template.<V>loadBlob(entity, property).block();
			}

			@Override
			public <T> T loadBlobs(T entity) {
				return template.loadBlobs(entity).block();
			}

		};
	}

	/** One async S3 client for the reactive operations of every test, closed with the JVM. */
	final class AsyncS3 {

		static final S3AsyncClient CLIENT = S3Local.newAsyncClient();

		private AsyncS3() {
		}

	}

}
