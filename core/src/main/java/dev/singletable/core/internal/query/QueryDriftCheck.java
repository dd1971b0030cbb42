package dev.singletable.core.internal.query;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.core.schema.IndexDriftGuard;

/**
 * The one place queries meet index drift: before a query reads an index, asks the template's
 * {@link IndexDriftGuard} whether the index of each type read has drifted, and refuses the query
 * ({@link IndexDriftException}) or logs a warning, as the {@link IndexDriftAction} says. Without a guard it costs one
 * volatile read; queries of the table (by id) are never checked.
 */
public final class QueryDriftCheck {

	private static final Log logger = LogFactory.getLog(QueryDriftCheck.class);

	private volatile @Nullable IndexDriftGuard guard;

	private volatile IndexDriftAction action = IndexDriftAction.REFUSE;

	/** The drifts warned about already: each is logged once at WARN, later queries at DEBUG. */
	private final Set<IndexDrift> warned = ConcurrentHashMap.newKeySet();

	public void setGuard(@Nullable IndexDriftGuard guard) {
		this.guard = guard;
	}

	public @Nullable IndexDriftGuard getGuard() {
		return this.guard;
	}

	public void setAction(IndexDriftAction action) {
		Assert.notNull(action, "IndexDriftAction must not be null");
		this.action = action;
	}

	public IndexDriftAction getAction() {
		return this.action;
	}

	/**
	 * Checks a query before it reads.
	 * @throws IndexDriftException when an index it reads drifted and the action is to refuse
	 */
	public void check(QuerySpec spec) {
		IndexDriftGuard guard = this.guard;
		String index = spec.index();
		if (guard == null || index == null) {
			return;
		}
		for (SingleTablePersistentEntity<?> entity : spec.types().values()) {
			// a hierarchy's definitions are recorded, and drift, as its root's
			IndexDrift drift = guard.drift(entity.getRootType(), index);
			if (drift != null) {
				refuseOrWarn(drift, index);
			}
		}
	}

	private void refuseOrWarn(IndexDrift drift, String index) {
		if (this.action == IndexDriftAction.REFUSE) {
			throw Failures.refused(drift);
		}
		if (this.warned.add(drift)) {
			logger.warn("Querying index '" + index + "' anyway (on-query: warn), its answer may miss items: "
					+ drift.describe());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Querying drifted index '" + index + "' of " + drift.type().getName());
		}
	}

	/**
	 * The refusal of a drifted index, made in a class of its own: verifying a throw of the exception where it is made
	 * loads its class and its bases, which the start of a template, that makes this check, does not need.
	 */
	private static final class Failures {

		static RuntimeException refused(IndexDrift drift) {
			return new IndexDriftException(drift);
		}

	}

}
