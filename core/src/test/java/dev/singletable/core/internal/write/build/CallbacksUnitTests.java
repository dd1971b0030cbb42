package dev.singletable.core.internal.write.build;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import dev.singletable.core.mapping.event.AfterDeleteCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entity callbacks a template takes from its application context: discovered at the first invocation, and
 * replaced or switched off by callbacks set explicitly.
 */
class CallbacksUnitTests {

	private final Callbacks callbacks = new Callbacks();

	@Test
	void callbacksOfTheContextAreInvokedOnceDiscovered() {
		try (GenericApplicationContext context = contextWithCallback()) {
			assertThat(this.callbacks.isSet()).isFalse();
			this.callbacks.discover(context);

			assertThat(this.callbacks.isSet()).isTrue();
			assertThat(this.callbacks.afterDelete(new Thing("a"))).isEqualTo(new Thing("a deleted"));
			assertThat(this.callbacks.afterDelete(new Thing("b"))).isEqualTo(new Thing("b deleted"));
		}
	}

	@Test
	void callbacksSetAfterTheContextsReplaceThem() {
		try (GenericApplicationContext context = contextWithCallback()) {
			this.callbacks.discover(context);
			this.callbacks.set(null);

			assertThat(this.callbacks.isSet()).isFalse();
			assertThat(this.callbacks.afterDelete(new Thing("a"))).isEqualTo(new Thing("a"));
		}
	}

	private static GenericApplicationContext contextWithCallback() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("deleted", DeletedCallback.class, DeletedCallback::new);
		context.refresh();
		return context;
	}

	record Thing(String name) {
	}

	static class DeletedCallback implements AfterDeleteCallback<Thing> {

		@Override
		public Thing onAfterDelete(Thing entity) {
			return new Thing(entity.name() + " deleted");
		}

	}

}
