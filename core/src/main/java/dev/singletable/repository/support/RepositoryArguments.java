package dev.singletable.repository.support;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * Checks the collection arguments of the blocking and the reactive base repositories before any element is read or
 * written, as {@code CrudRepository} asks: neither the collection nor one of its elements is null.
 */
final class RepositoryArguments {

	private RepositoryArguments() {
	}

	/** The id. */
	static <I> I id(I id) {
		Assert.notNull(id, "Id must not be null");
		return id;
	}

	/** The entities, in order. */
	static <E> List<E> entities(Iterable<E> entities) {
		return elements(entities, "Entities");
	}

	/** The ids, in order. */
	static List<String> ids(Iterable<? extends String> ids) {
		return elements(ids, "Ids");
	}

	/** The ids, each once, in order. */
	static List<String> distinctIds(Iterable<? extends String> ids) {
		Set<String> distinct = new LinkedHashSet<>(ids(ids));
		return new ArrayList<>(distinct);
	}

	private static <E> List<E> elements(Iterable<? extends E> elements, String what) {
		Assert.notNull(elements, what + " must not be null");
		List<E> list = new ArrayList<>();
		elements.forEach((element) -> {
			Assert.notNull(element, what + " must not contain null");
			list.add(element);
		});
		return list;
	}

}
