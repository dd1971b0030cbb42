package dev.singletable.repository.reactive;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A blocking interface over a reactive repository, so that one suite calls both APIs: each call goes to the reactive
 * method of the same name and parameters, and its result is awaited — a {@code Flux} as a list, a {@code Mono} as
 * its value (an {@code Optional}, a {@code boolean}/{@code long}, a {@code Window}...). Errors are thrown as the
 * reactive result signalled them. Test code only: blocking is what the reactive API exists to avoid.
 */
final class BlockingView {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private BlockingView() {
	}

	/**
	 * Returns the blocking view.
	 * @param view the blocking interface
	 * @param reactiveType the reactive interface declaring its methods
	 * @param reactive the reactive repository
	 * @param <V> the blocking interface
	 * @return the view
	 */
	static <V> V of(Class<V> view, Class<?> reactiveType, Object reactive) {
		return view.cast(Proxy.newProxyInstance(view.getClassLoader(), new Class<?>[] { view },
				(proxy, method, arguments) -> {
					if (method.getDeclaringClass() == Object.class) {
						return method.invoke(reactive, arguments);
					}
					Method target = reactiveType.getMethod(method.getName(), method.getParameterTypes());
					Object result;
					try {
						result = target.invoke(reactive, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
					return await(result, method.getReturnType());
				}));
	}

	private static Object await(Object result, Class<?> returned) {
		if (result instanceof Flux<?> flux) {
			return flux.collectList().block(TIMEOUT);
		}
		Object value = ((Mono<?>) result).block(TIMEOUT);
		return (returned == Optional.class) ? Optional.ofNullable(value) : value;
	}

}
