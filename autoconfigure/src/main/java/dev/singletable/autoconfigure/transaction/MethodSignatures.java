package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.Method;

import org.springframework.core.KotlinDetector;

/**
 * How the start-up checks name a method in their messages: as its source declares it, a Kotlin {@code suspend}
 * function as {@code suspend fun createTwo(Task, Task)} (without the {@code Continuation} Kotlin compiles in), any
 * other as {@code createTwo(Task, Task) returns Mono}.
 */
final class MethodSignatures {

	private MethodSignatures() {
	}

	static String describe(Method method) {
		boolean suspending = KotlinDetector.isSuspendingFunction(method);
		Class<?>[] types = method.getParameterTypes();
		int count = suspending ? types.length - 1 : types.length;
		StringBuilder parameters = new StringBuilder();
		for (int i = 0; i < count; i++) {
			parameters.append((parameters.length() > 0) ? ", " : "").append(types[i].getSimpleName());
		}
		return suspending ? "suspend fun " + method.getName() + "(" + parameters + ")"
				: method.getName() + "(" + parameters + ") returns " + method.getReturnType().getSimpleName();
	}

}
