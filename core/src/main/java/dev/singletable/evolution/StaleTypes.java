package dev.singletable.evolution;

import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.core.schema.StaleDefinitionsException;
import dev.singletable.evolution.internal.drift.DriftDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Fleet skew as this instance knows it: the types whose definitions another instance recorded newer than this
 * instance's, and what a write of one of them does — refused with a {@link StaleDefinitionsException}, or written
 * and logged once. {@link SingleTableDefinitions} finds them; writes ask here, from memory.
 */
final class StaleTypes {

	/** The definitions' own log, where an operator looks for drift. */
	private static final Log logger = LogFactory.getLog(SingleTableDefinitions.class);

	private final SingleTableMappingContext mappingContext;

	/** The types whose definitions another instance recorded newer, with what differs. */
	private volatile Map<Class<?>, DriftDetector.Newer> stale = Map.of();

	/** The stale definitions whose writes were logged already (on-stale-definitions: warn). */
	private final Set<DriftDetector.Newer> warned = ConcurrentHashMap.newKeySet();

	private volatile IndexDriftAction action = IndexDriftAction.REFUSE;

	StaleTypes(SingleTableMappingContext mappingContext) {
		this.mappingContext = mappingContext;
	}

	void setAction(IndexDriftAction action) {
		this.action = action;
	}

	/** The stale types as last found. */
	Map<Class<?>, DriftDetector.Newer> current() {
		return this.stale;
	}

	/** Replaces what is known stale with what was found now. */
	void replace(Map<Class<?>, DriftDetector.Newer> found) {
		this.stale = Map.copyOf(found);
	}

	/** The stale definitions, as the health indicator and the drift report show them. */
	List<StaleDefinitions> list() {
		List<StaleDefinitions> found = new ArrayList<>();
		this.stale.forEach((type, newer) -> found.add(toStaleDefinitions(type, newer)));
		return found;
	}

	/**
	 * Refuses (or logs once) a write of a stale type: one volatile read when nothing is stale.
	 * @throws StaleDefinitionsException when the type is stale and the action is to refuse
	 */
	void checkWrite(Class<?> type) {
		Map<Class<?>, DriftDetector.Newer> stale = this.stale;
		if (stale.isEmpty()) {
			return;
		}
		DriftDetector.Newer newer = stale.get(type);
		if (newer == null) {
			return;
		}
		if (this.action == IndexDriftAction.REFUSE) {
			throw new StaleDefinitionsException(toStaleDefinitions(type, newer));
		}
		if (this.warned.add(newer)) {
			logger.warn("Writing " + type.getSimpleName() + " anyway (on-stale-definitions: warn), stored the old way: "
					+ toStaleDefinitions(type, newer).describe());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Writing " + type.getName() + " with stale definitions");
		}
	}

	/** Logs that a type was found stale, and what its writes do until this instance runs the newer version. */
	void logStale(SingleTablePersistentEntity<?> entity, DriftDetector.Newer newer) {
		StaleDefinitions stale = toStaleDefinitions(entity.getType(), newer);
		logger.warn("Stale definitions: " + stale.describe() + " (writes of " + entity.getType().getSimpleName()
				+ (stale.writesRefused() ? " are refused until then)" : " are written anyway: on-stale-definitions is warn)"));
	}

	private StaleDefinitions toStaleDefinitions(Class<?> type, DriftDetector.Newer newer) {
		return newer.toStaleDefinitions(type, this.mappingContext.getRequiredPersistentEntity(type).getPrefix(),
				this.action == IndexDriftAction.REFUSE);
	}

}
