package dev.singletable.benchmarks.limits;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * Eight audited types under 1 KB, written in turn: the audited writes of a table whose types each stay below their
 * own type key's limit, so that the audit log's keys are the ones that fill.
 */
public final class AuditedLimitTypes {

	/** A factory of a note of each type, from its body. */
	static final List<Function<String, Object>> ALL = List.of((body) -> new AuditedA(null, body),
			(body) -> new AuditedB(null, body), (body) -> new AuditedC(null, body), (body) -> new AuditedD(null, body),
			(body) -> new AuditedE(null, body), (body) -> new AuditedF(null, body), (body) -> new AuditedG(null, body),
			(body) -> new AuditedH(null, body));

	private AuditedLimitTypes() {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedA(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedB(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedC(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedD(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedE(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedF(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedG(@Id @Nullable String id, String body) {
	}

	/** An audited type of the rotation. @param id the id @param body the body */
	@Audited
	@SingleTableEntity
	public record AuditedH(@Id @Nullable String id, String body) {
	}

}
