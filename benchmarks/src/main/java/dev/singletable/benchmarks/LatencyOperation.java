package dev.singletable.benchmarks;

import java.util.function.Consumer;

/**
 * The operations measured under a simulated network round trip, in the order of their table: the ones whose
 * requests follow one another, so that a round trip is paid once per request.
 */
public enum LatencyOperation {

	/** {@link Contender#stream(Consumer)}: every event, pages of up to 1 MB. */
	STREAM,

	/** {@link Contender#batchGetMany()}. */
	BATCH_GET,

	/** {@link Contender#listPages(int)}. */
	LIST_PAGES,

	/** {@link Contender#deleteHistory(String)}. */
	DELETE_HISTORY,

	/** {@link Contender#updateVersioned()}. */
	UPDATE_VERSIONED;

	private static final Consumer<Object> DISCARD = (item) -> {
	};

	/**
	 * Returns the label of the table.
	 * @param settings the settings, which give the sizes
	 * @return the label
	 */
	public String label(Settings settings) {
		Settings.Latency latency = settings.latency();
		return switch (this) {
			case STREAM -> Operation.STREAM.label(settings.events());
			case BATCH_GET -> "batch get " + String.format(java.util.Locale.ROOT, "%,d", latency.batch()) + " ids";
			case LIST_PAGES -> "list " + latency.pages() + " pages of " + Fixture.PAGE;
			case DELETE_HISTORY -> "delete a " + latency.versions() + "-version history";
			case UPDATE_VERSIONED -> Operation.UPDATE_VERSIONED.label(settings.events());
		};
	}

	/**
	 * Runs the operation once, except {@link #DELETE_HISTORY}, which needs a stored history.
	 * @param contender the contender
	 * @param settings the settings
	 * @return the number of results
	 */
	long run(Contender contender, Settings settings) {
		return switch (this) {
			case STREAM -> contender.stream(DISCARD);
			case BATCH_GET -> contender.batchGetMany();
			case LIST_PAGES -> contender.listPages(settings.latency().pages());
			case UPDATE_VERSIONED -> contender.updateVersioned();
			case DELETE_HISTORY -> throw new IllegalStateException("Deleting a history needs one stored first");
		};
	}

}
