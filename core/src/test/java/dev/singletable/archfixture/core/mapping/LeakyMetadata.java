package dev.singletable.archfixture.core.mapping;

import dev.singletable.archfixture.core.FixtureTemplate;
import dev.singletable.archfixture.core.internal.right.Right;
import dev.singletable.archfixture.repository.FixtureRepository;

/**
 * Broken three times: an API type naming an internal type in a public method, calling back into the root's facade,
 * and depending on the repository layer above core.
 */
public class LeakyMetadata {

	public Right right() {
		return new Right();
	}

	String callBack(FixtureTemplate template) {
		return template.run();
	}

	Class<?> above() {
		return FixtureRepository.class;
	}

}
