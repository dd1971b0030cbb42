package dev.singletable.test.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared servers' hooks wait for every context to have finished closing, whichever thread closes it: a context
 * whose own shutdown hook is closing it when a server's hook runs (their order at the JVM's exit is none) is waited
 * for, so that its change stream's worker stops while the server still answers.
 */
class SharedServerContextsTests {

	@Test
	void waitsForAContextThatItsOwnHookIsClosing() throws Exception {
		CountDownLatch destroying = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		GenericApplicationContext context = contextWithSlowBean(destroying, release);
		SharedServerContexts contexts = new SharedServerContexts(Duration.ofSeconds(20));
		contexts.add(context);

		// the context's own hook (Spring's) closes it first, and is held in a bean's destruction
		Thread ownHook = closeInItsOwnHook(context, destroying);

		CompletableFuture<Void> serverHook = CompletableFuture.runAsync(contexts::closeAndAwait);
		// its close() returns at once while the other thread closes; the server must still wait
		Thread.sleep(500);
		assertThat(serverHook).isNotDone();
		assertThat(context.isActive()).isTrue();

		release.countDown();
		serverHook.get(10, TimeUnit.SECONDS);
		assertThat(context.isActive()).isFalse();
		ownHook.join(10_000);
	}

	@Test
	void closesAContextThatNoOneElseCloses() throws Exception {
		CountDownLatch destroying = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(0);
		GenericApplicationContext context = contextWithSlowBean(destroying, release);
		SharedServerContexts contexts = new SharedServerContexts(Duration.ofSeconds(20));
		contexts.add(context);

		contexts.closeAndAwait();

		assertThat(destroying.getCount()).isZero();
		assertThat(context.isActive()).isFalse();
	}

	@Test
	void waitsNoLongerThanItsTimeout() throws Exception {
		CountDownLatch destroying = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		GenericApplicationContext context = contextWithSlowBean(destroying, release);
		SharedServerContexts contexts = new SharedServerContexts(Duration.ofMillis(300));
		contexts.add(context);
		Thread ownHook = closeInItsOwnHook(context, destroying);

		CompletableFuture.runAsync(contexts::closeAndAwait).get(10, TimeUnit.SECONDS);

		assertThat(context.isActive()).isTrue();
		release.countDown();
		ownHook.join(10_000);
		assertThat(context.isActive()).isFalse();
	}

	/** Closes the context on another thread, as its own shutdown hook does, until its slow bean is being destroyed. */
	private static Thread closeInItsOwnHook(GenericApplicationContext context, CountDownLatch destroying)
			throws InterruptedException {
		Thread ownHook = new Thread(context::close, "context-own-hook");
		ownHook.start();
		assertThat(destroying.await(10, TimeUnit.SECONDS)).isTrue();
		return ownHook;
	}

	private static GenericApplicationContext contextWithSlowBean(CountDownLatch destroying, CountDownLatch release) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean("slowToStop", DisposableBean.class, () -> () -> {
			destroying.countDown();
			release.await(30, TimeUnit.SECONDS);
		});
		context.refresh();
		return context;
	}

}
