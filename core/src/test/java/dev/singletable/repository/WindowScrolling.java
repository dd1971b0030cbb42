package dev.singletable.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrolls a repository's {@code Window}s to their end, for the tests of keyset scrolling.
 */
public final class WindowScrolling {

	private WindowScrolling() {
	}

	/**
	 * Reads windows from the start of the keyset until one says it has no next, each from the last item of the one
	 * before.
	 */
	public static <T> List<Window<T>> scroll(Function<ScrollPosition, Window<T>> read) {
		return scroll(ScrollPosition.keyset(), read);
	}

	/**
	 * Reads windows from a position until one says it has no next, each from the last item of the one before.
	 */
	public static <T> List<Window<T>> scroll(ScrollPosition start, Function<ScrollPosition, Window<T>> read) {
		List<Window<T>> windows = new ArrayList<>();
		Window<T> window = read.apply(start);
		windows.add(window);
		while (window.hasNext()) {
			assertThat(windows).as("windows move on").hasSizeLessThan(100);
			window = read.apply(window.positionAt(window.size() - 1));
			windows.add(window);
		}
		return windows;
	}

	/**
	 * The items of windows, in order.
	 */
	public static <T> List<T> contents(Collection<Window<T>> windows) {
		return windows.stream().flatMap((window) -> window.getContent().stream()).toList();
	}

}
