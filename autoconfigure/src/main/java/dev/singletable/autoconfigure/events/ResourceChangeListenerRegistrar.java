package dev.singletable.autoconfigure.events;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.CoroutinesUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.singletable.autoconfigure.MissingLibraryException;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;
import dev.singletable.events.SingleTableChangeStream;
import reactor.core.publisher.Flux;

/**
 * Registers every {@link ResourceChangeListener @ResourceChangeListener} method of the application's beans with the
 * change stream, refusing at start-up, by bean and method, one whose signature is not {@code (ResourceChange<T>)} of
 * an entity type, and any when change events are not enabled (the listener would never be called). A method returning
 * a {@code Mono}, {@code Flux} or {@code CompletionStage} is waited for, and so is a Kotlin {@code suspend} function
 * (run through Spring's {@link CoroutinesUtils}, which needs {@code kotlinx-coroutines-reactor}: without it such a
 * method is refused at start-up, naming the library). Nothing of Kotlin is loaded unless a bean declares a
 * {@code suspend} listener.
 */
final class ResourceChangeListenerRegistrar implements BeanPostProcessor {

	private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Flux",
			ResourceChangeListenerRegistrar.class.getClassLoader());

	/** What Spring runs a {@code suspend} function with: Kotlin's coroutines bridged to Reactor. */
	private static final String COROUTINES_REACTOR = "org.jetbrains.kotlinx:kotlinx-coroutines-reactor";

	private static final boolean COROUTINES = ClassUtils.isPresent("kotlinx.coroutines.reactor.MonoKt",
			ResourceChangeListenerRegistrar.class.getClassLoader());

	private final ObjectProvider<SingleTableChangeStream> changes;

	ResourceChangeListenerRegistrar(ObjectProvider<SingleTableChangeStream> changes) {
		this.changes = changes;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> target = AopUtils.getTargetClass(bean);
		Map<Method, ResourceChangeListener> methods = MethodIntrospector.selectMethods(target,
				(MethodIntrospector.MetadataLookup<ResourceChangeListener>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, ResourceChangeListener.class));
		methods.keySet().forEach((method) -> register(bean, beanName, method));
		return bean;
	}

	private void register(Object bean, String beanName, Method method) {
		String name = beanName + "." + method.getName();
		boolean suspending = KotlinDetector.isSuspendingFunction(method);
		Class<?> type = entityType(method, name, suspending);
		SingleTableChangeStream stream = this.changes.getIfAvailable();
		if (stream == null) {
			throw new IllegalStateException("@ResourceChangeListener " + name + " would never be called: change "
					+ "events are off. Set singletable.changes.enabled=true (and put "
					+ "com.amazonaws:dynamodb-streams-kinesis-adapter on the class path)");
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		if (suspending) {
			if (!COROUTINES || !KotlinDetector.isKotlinReflectPresent()) {
				throw new MissingLibraryException("The suspend @ResourceChangeListener " + name,
						COROUTINES ? "org.jetbrains.kotlin:kotlin-reflect" : COROUTINES_REACTOR,
						"dev.singletable:singletable-kotlin");
			}
			stream.addListener(type, name, (change) -> SuspendingListeners.invoke(invocable, bean, change));
			return;
		}
		stream.addListener(type, name, (change) -> awaited(ReflectionUtils.invokeMethod(invocable, bean, change)));
	}

	/**
	 * Runs a {@code suspend} listener to its end: a class of its own, loaded only when a bean declares one, so that
	 * an application without Kotlin never links {@link CoroutinesUtils}' Kotlin types.
	 */
	private static final class SuspendingListeners {

		static void invoke(Method method, Object bean, Object change) {
			// a Mono of the function's result, which completes when the function returns (or fails when it throws)
			ReactiveResults.await(CoroutinesUtils.invokeSuspendingFunction(method, bean, change));
		}

	}

	/**
	 * Waits for what a listener returned to complete, so that a change counts as delivered (and its shard's
	 * checkpoint moves on) only once a {@code Mono}, {@code Flux} or {@code CompletableFuture} listener finished, and
	 * its failure is retried as a thrown exception is.
	 */
	private static void awaited(@Nullable Object result) {
		if (result instanceof CompletionStage<?> stage) {
			try {
				stage.toCompletableFuture().join();
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		}
		else if (result != null && REACTOR) {
			ReactiveResults.await(result);
		}
	}

	/** Awaits a {@code Publisher}: a class of its own, loaded only when Reactor is on the class path. */
	private static final class ReactiveResults {

		static void await(Object result) {
			if (result instanceof Publisher<?> publisher) {
				Flux.from(publisher).blockLast();
			}
		}

	}

	private static Class<?> entityType(Method method, String name, boolean suspending) {
		Type[] parameters = method.getGenericParameterTypes();
		if (suspending) {
			// the compiled suspend function takes its Continuation last
			parameters = java.util.Arrays.copyOf(parameters, parameters.length - 1);
		}
		if (parameters.length == 1 && parameters[0] instanceof ParameterizedType parameterized
				&& parameterized.getRawType() == ResourceChange.class
				&& parameterized.getActualTypeArguments()[0] instanceof Class<?> type
				&& AnnotatedElementUtils.hasAnnotation(type, SingleTableEntity.class)) {
			return type;
		}
		throw new IllegalStateException("@ResourceChangeListener " + name + " must take one ResourceChange<T> "
				+ "parameter whose T is a @SingleTableEntity type, such as on(ResourceChange<Article> change), but "
				+ "takes " + java.util.Arrays.toString(parameters));
	}

}
