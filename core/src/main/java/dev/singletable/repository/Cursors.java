package dev.singletable.repository;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * Converts between the opaque cursors of singletable queries and Spring Data's {@link ScrollPosition}, for
 * repository methods returning {@link Window}: a web layer can hand the cursor string to clients and turn it back
 * into a position. A cursor marks a result, not a direction: {@code Cursors.position(cursor)} continues after it
 * and {@code Cursors.position(cursor).backward()} before it.
 */
public final class Cursors {

	/** The key under which a keyset position holds the cursor. */
	public static final String KEY = "cursor";

	private Cursors() {
	}

	/**
	 * Returns the position for a cursor: reading forward after its result, or, with {@code .backward()}, before it.
	 * @param cursor a cursor, or {@literal null}/empty for the first window ({@code .backward()}: the last one)
	 * @return the keyset scroll position
	 */
	public static KeysetScrollPosition position(@Nullable String cursor) {
		return (cursor == null || cursor.isEmpty()) ? ScrollPosition.keyset() : ScrollPosition.forward(Map.of(KEY, cursor));
	}

	/**
	 * Returns the position at a cursor, scrolling in the given direction: what each element of a {@link Window}
	 * read from a repository holds.
	 * @param cursor a cursor
	 * @param backward whether the position scrolls backward (before the cursor's result)
	 * @return the scroll position
	 */
	public static KeysetScrollPosition position(String cursor, boolean backward) {
		return ScrollPosition.of(Map.of(KEY, cursor),
				backward ? ScrollPosition.Direction.BACKWARD : ScrollPosition.Direction.FORWARD);
	}

	/**
	 * Returns the cursor of the position after a window read forward.
	 * @param window the window
	 * @return the cursor, or {@literal null} when the window is the last
	 */
	public static @Nullable String next(Window<?> window) {
		if (!window.hasNext() || window.isEmpty()) {
			return null;
		}
		return cursor(window.positionAt(window.size() - 1));
	}

	/**
	 * Returns the cursor a position holds.
	 * @param position the position
	 * @return the cursor, or {@literal null} for an initial position
	 * @throws IllegalArgumentException for offset positions, which hold no cursor
	 */
	public static @Nullable String cursor(ScrollPosition position) {
		if (position instanceof KeysetScrollPosition keyset) {
			Object cursor = keyset.getKeys().get(KEY);
			return (cursor != null) ? cursor.toString() : null;
		}
		if (position.isInitial()) {
			return null;
		}
		throw new IllegalArgumentException("An offset position holds no cursor; use ScrollPosition.keyset() or "
				+ "Cursors.position(cursor) instead of " + position);
	}

}
