package dev.singletable.sample;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Window;

import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.Cursors;

/**
 * One page of a listing. Pass {@code nextCursor} back as {@code ?cursor=} for the next page; it is
 * {@literal null} on the last page.
 *
 * @param items the items of this page
 * @param nextCursor the cursor of the next page, or {@literal null} when this is the last
 * @param <T> the item type
 */
public record PageResponse<T>(List<T> items, @Nullable String nextCursor) {

	/**
	 * Returns the page for a window of a repository query.
	 * @param window the window
	 * @param mapper converts an entity to its response
	 * @param <E> the entity type
	 * @param <T> the item type
	 * @return the page
	 */
	public static <E, T> PageResponse<T> of(Window<E> window, Function<E, T> mapper) {
		return new PageResponse<>(window.getContent().stream().map(mapper).toList(), Cursors.next(window));
	}

	/**
	 * Returns the page for a page of a template query (the reactive listing).
	 * @param page the page
	 * @param mapper converts an entity to its response
	 * @param <E> the entity type
	 * @param <T> the item type
	 * @return the page
	 */
	public static <E, T> PageResponse<T> of(QueryPage<E> page, Function<E, T> mapper) {
		return new PageResponse<>(page.items().stream().map(mapper).toList(), page.nextCursor());
	}

}
