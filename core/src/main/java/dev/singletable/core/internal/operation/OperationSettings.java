package dev.singletable.core.internal.operation;

/**
 * The settings of one template that change what its plans do, as a value: two templates sharing one
 * {@link TablePlans} each keep their own, and a change makes the template build its {@link OperationPlans} anew
 * instead of changing a shared object.
 * @param consistentReads whether reads by id are strongly consistent (reads that guard a write always are)
 * @param trackCounts whether writes keep the per-type counts of the {@code MemoryStats} row
 * @param allowDrop whether updates may drop the Python layout attributes a type does not map
 */
public record OperationSettings(boolean consistentReads, boolean trackCounts, boolean allowDrop) {

	/** A template's settings until it is configured: eventually consistent reads, no counts, no drop. */
	public static final OperationSettings DEFAULT = new OperationSettings(false, false, false);

	public OperationSettings withConsistentReads(boolean consistent) {
		return (consistent == this.consistentReads) ? this
				: new OperationSettings(consistent, this.trackCounts, this.allowDrop);
	}

	public OperationSettings withTrackCounts(boolean counts) {
		return (counts == this.trackCounts) ? this : new OperationSettings(this.consistentReads, counts, this.allowDrop);
	}

	public OperationSettings withAllowDrop(boolean drop) {
		return (drop == this.allowDrop) ? this : new OperationSettings(this.consistentReads, this.trackCounts, drop);
	}

}
