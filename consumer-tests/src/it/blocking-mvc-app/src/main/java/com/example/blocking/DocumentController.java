package com.example.blocking;

import java.util.List;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditEntry;

@RestController
@RequestMapping("/documents")
public class DocumentController {

	private final DocumentRepository documents;

	private final SingleTableTemplate template;

	public DocumentController(DocumentRepository documents, SingleTableTemplate template) {
		this.documents = documents;
		this.template = template;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public Document create(@RequestBody Document document) {
		return this.documents.save(new Document(null, null, null, null, document.title(), document.body()));
	}

	/** Saves a new version based on the version the client read; a {@code null} body keeps the stored one. */
	@PutMapping("/{id}")
	public Document update(@PathVariable String id, @RequestBody Document change) {
		return this.documents.save(new Document(id, change.version(), null, null, change.title(), change.body()));
	}

	/** The latest version, its body read from S3. */
	@GetMapping("/{id}")
	public Document get(@PathVariable String id) {
		return this.template.loadBlobs(this.documents.findById(id).orElseThrow(DocumentController::notFound));
	}

	/** Every version, newest first, without their bodies. */
	@GetMapping("/{id}/versions")
	public List<Document> versions(@PathVariable String id) {
		return this.documents.findVersions(id);
	}

	/** One version, with the body it had. */
	@GetMapping("/{id}/versions/{version}")
	public Document version(@PathVariable String id, @PathVariable long version) {
		return this.template.loadBlobs(this.documents.findVersion(id, version).orElseThrow(DocumentController::notFound));
	}

	/** The document's audit rows, newest first. */
	@GetMapping("/{id}/audit")
	public List<AuditRow> audit(@PathVariable String id) {
		return this.template.auditLog()
			.forResource("Document", id)
			.stream()
			.map(AuditRow::of)
			.toList();
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	/** What the client sees of an audit row: the operation, who made it, the fields it changed. */
	public record AuditRow(String operation, String changedBy, List<String> changedFields, String transactionId) {

		static AuditRow of(AuditEntry entry) {
			List<String> fields = (entry.changedFields() != null) ? List.copyOf(new TreeSet<>(entry.changedFields().keySet()))
					: List.of();
			return new AuditRow(entry.operation(), entry.changedBy(), fields, entry.transactionId());
		}

	}

}
