package dev.singletable.core;

import org.jspecify.annotations.Nullable;

import com.github.f4b6a3.ulid.UlidCreator;

/**
 * Generates and checks resource ids.
 */
final class ResourceIds {

	private ResourceIds() {
	}

	/** Returns a new ULID: 26 characters, sortable by creation time. */
	static String generate() {
		return UlidCreator.getMonotonicUlid().toString();
	}

	static String check(Class<?> entityType, @Nullable Object id) {
		if (id == null) {
			throw new IllegalArgumentException("The id of " + entityType.getSimpleName() + " must not be null");
		}
		if (!(id instanceof String text)) {
			throw new InvalidResourceIdException(entityType, "the id " + id + " is not a String");
		}
		if (text.isBlank()) {
			throw new InvalidResourceIdException(entityType, "the id is blank");
		}
		if (text.length() > InvalidResourceIdException.MAX_LENGTH) {
			throw new InvalidResourceIdException(entityType, "the id has " + text.length() + " characters");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '#') {
				throw new InvalidResourceIdException(entityType, "the id '" + text + "' contains '#'");
			}
			if (Character.isISOControl(c)) {
				throw new InvalidResourceIdException(entityType, "the id contains the control character U+"
						+ String.format("%04X", (int) c));
			}
		}
		return text;
	}

}
