package dev.singletable.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template and types the tests of what follows a write share (audit rows, blob objects, filter metadata, type
 * counts, version summaries): a template with blobs in S3 under {@link #PREFIX} and an auditor, an audited versioned
 * type ({@link Case}), a versioned type with a blob field ({@link Doc}) and an audited plain type ({@link Keyed}).
 */
final class BlobAndAuditFixtures {

	/** The key prefix of the blob objects. */
	static final String PREFIX = "blobs";

	private BlobAndAuditFixtures() {
	}

	/**
	 * Returns a template on the extension's table, with its own mapping context, blobs in the test's bucket under
	 * {@link #PREFIX} and the auditor the supplier gives at each write ({@code null} for none).
	 * @param dynamo the table
	 * @param s3 the bucket
	 * @param auditor the current auditor
	 * @return the template
	 */
	static SingleTableTemplate template(DynamoDbLocalExtension dynamo, S3LocalExtension s3, Supplier<String> auditor) {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(), converter);
		template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), PREFIX, converter.getJsonMapper()));
		template.setAuditorAware(() -> Optional.ofNullable(auditor.get()));
		return template;
	}

	/**
	 * Returns the first page of the audit rows of a resource.
	 * @param template the template
	 * @param type the type name
	 * @param id the id
	 * @return the rows
	 */
	static List<AuditEntry> rows(SingleTableTemplate template, String type, String id) {
		return template.auditLog().forResource(type, id).page(null).items();
	}

	/** An audited versioned type with a list and a map. */
	@SingleTableEntity(versioned = true)
	@Audited
	record Case(@Id String id, @Version Long version, String state, List<String> tags, Map<String, Object> details) {

		Case withState(String state) {
			return new Case(this.id, this.version, state, this.tags, this.details);
		}

	}

	/** A versioned type whose body is a blob. */
	@SingleTableEntity(versioned = true)
	record Doc(@Id String id, @Version Long version, String title, @BlobField Map<String, Object> body) {

		Doc withBody(Map<String, Object> body) {
			return new Doc(this.id, this.version, this.title, body);
		}

	}

	/** An audited plain type. */
	@SingleTableEntity
	@Audited
	record Keyed(@Id String id, String text) {
	}

	/**
	 * Reads every page of an audit log query, checking that no row is listed twice.
	 * @param query the query
	 * @return the rows, in the order read
	 */
	static List<AuditEntry> allPages(AuditLogQueries.Query query) {
		List<AuditEntry> all = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String cursor = null;
		for (int pages = 0; pages < 100; pages++) {
			QueryPage<AuditEntry> page = query.page(cursor);
			for (AuditEntry entry : page.items()) {
				assertThat(seen.add(entry.id())).as("row %s seen twice", entry.id()).isTrue();
				all.add(entry);
			}
			cursor = page.nextCursor();
			if (cursor == null) {
				return all;
			}
		}
		throw new AssertionError("no last page after 100");
	}

}
