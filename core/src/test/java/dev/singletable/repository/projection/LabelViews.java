package dev.singletable.repository.projection;

import org.springframework.beans.factory.annotation.Value;

/**
 * Projections of {@link dev.singletable.repository.sample.Label}, an uncompressed type.
 */
final class LabelViews {

	private LabelViews() {
	}

	/** A closed interface projection. */
	interface Name {

		String getName();

		int getWeight();

	}

	/** An open interface projection. */
	interface Open {

		@Value("#{target.color() + '/' + target.name()}")
		String getDescription();

	}

	/** A DTO class. */
	static final class Summary {

		private final String name;

		private final int weight;

		Summary(String name, int weight) {
			this.name = name;
			this.weight = weight;
		}

		String name() {
			return this.name;
		}

		int weight() {
			return this.weight;
		}

	}

	/** A record DTO. */
	record ColorAndName(String color, String name) {
	}

}
