package dev.singletable.repository.gizmos;

import org.springframework.beans.factory.annotation.Value;

/**
 * Projections of {@link Gizmo}.
 */
public final class GizmoViews {

	private GizmoViews() {
	}

	/** A closed projection of a property stored under another name. */
	public interface NameOnly {

		String getName();

	}

	/** A closed projection with a nested one. */
	public interface WithPart {

		String getName();

		PartView getPart();

		/** The nested projection. */
		interface PartView {

			String getSerial();

		}

	}

	/** An open projection. */
	public interface Line {

		@Value("#{target.name + ' ' + target.color}")
		String getLine();

	}

	/** A DTO class built through its constructor. */
	public static final class Dto {

		private final String name;

		private final int weight;

		public Dto(String name, int weight) {
			this.name = name;
			this.weight = weight;
		}

		public String getName() {
			return this.name;
		}

		public int getWeight() {
			return this.weight;
		}

	}

	/** A closed projection of the auditor properties. */
	public interface Creator {

		String getCreatedBy();

		String getModifiedBy();

	}

	/** A record DTO. */
	public record Summary(String name, String color) {
	}

}
