package dev.singletable.archfixture.core.mapping;

import dev.singletable.archfixture.core.internal.right.Right;

/** Not public, so not checked on its own: its public method reaches applications through {@link LeakyHeir}. */
class HiddenBase {

	public Right hidden() {
		return new Right();
	}

}
