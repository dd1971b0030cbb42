package dev.singletable.archfixture.core.internal.reactive;

import java.util.Map;

/** In order: a reactive adapter answering from the context it is given, deciding nothing. */
public class ContextAdapter {

	Object answer(Map<String, Object> context, String key) {
		return context.get(key);
	}

}
