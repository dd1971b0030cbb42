package dev.singletable.repository.jobs;

/**
 * Projections of {@link Job}: a closed interface and a DTO record.
 */
public final class JobViews {

	private JobViews() {
	}

	/** A closed interface projection: the job's number only. */
	public interface JobNumber {

		int getNumber();

	}

	/** A DTO record of two of the job's properties. */
	public record JobSummary(int number, String status) {
	}

}
