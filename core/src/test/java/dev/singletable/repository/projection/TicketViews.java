package dev.singletable.repository.projection;

import org.springframework.beans.factory.annotation.Value;

import dev.singletable.repository.sample.Ticket;

/**
 * Projections of {@link Ticket}, a compressed, versioned type.
 */
final class TicketViews {

	private TicketViews() {
	}

	/** A closed interface projection. */
	interface Title {

		String getTitle();

		Ticket.Status getStatus();

	}

	/** An open interface projection. */
	interface Open {

		@Value("#{target.title() + ' (' + target.priority() + ')'}")
		String getLabel();

	}

	/** A DTO class. */
	static final class Summary {

		private final String title;

		private final String project;

		Summary(String title, String project) {
			this.title = title;
			this.project = project;
		}

		String title() {
			return this.title;
		}

		String project() {
			return this.project;
		}

	}

	/** A record DTO. */
	record TitleAndPriority(String title, int priority) {
	}

}
