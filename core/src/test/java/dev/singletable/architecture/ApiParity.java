package dev.singletable.architecture;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares a blocking API type with its reactive counterpart method by method: the same names and parameters (a
 * blocking type named in a parameter, such as {@code SingleTableTransaction}, standing for its reactive
 * counterpart), and the reactive result the blocking one's, without blocking: {@code Mono<Void>} for {@code void},
 * {@code Flux<E>} for a {@code List<E>} or {@code Collection<E>}, {@code Mono<E>} for an {@code Optional<E>},
 * {@code Mono} of any other value (a primitive boxed), the counterpart for a blocking type that has one (a
 * {@code SingleTableQuery<T>} is a {@code ReactiveSingleTableQuery<T>}); a getter without parameters, which reads
 * nothing, returns the same type on both. What differs is named, one line per method.
 */
final class ApiParity {

	private static final String MONO = "reactor.core.publisher.Mono";

	private static final String FLUX = "reactor.core.publisher.Flux";

	private ApiParity() {
	}

	/**
	 * The asymmetries between two types' public methods, by method name (sorted): the methods only one of them has,
	 * and those whose reactive result is not the blocking one's without blocking.
	 * @param blocking the blocking type
	 * @param reactive its reactive counterpart
	 * @param counterparts blocking type names to the reactive ones that stand for them (fully qualified)
	 * @return method name to what differs
	 */
	static Map<String, String> asymmetries(Class<?> blocking, Class<?> reactive, Map<String, String> counterparts) {
		Map<String, Method> blockingMethods = signatures(blocking, counterparts);
		Map<String, Method> reactiveMethods = signatures(reactive, Map.of());
		Map<String, String> asymmetries = new TreeMap<>();
		for (Map.Entry<String, Method> entry : blockingMethods.entrySet()) {
			Method method = entry.getValue();
			Method counterpart = reactiveMethods.get(entry.getKey());
			if (counterpart == null) {
				add(asymmetries, method.getName(), "only on " + blocking.getSimpleName() + ": " + entry.getKey());
				continue;
			}
			String expected = expectedResult(method, counterparts);
			String actual = counterpart.getGenericReturnType().getTypeName();
			if (!expected.equals(actual)) {
				add(asymmetries, method.getName(), entry.getKey() + " returns " + actual + " on "
						+ reactive.getSimpleName() + ", expected " + expected);
			}
		}
		for (Map.Entry<String, Method> entry : reactiveMethods.entrySet()) {
			if (!blockingMethods.containsKey(entry.getKey())) {
				add(asymmetries, entry.getValue().getName(),
						"only on " + reactive.getSimpleName() + ": " + entry.getKey());
			}
		}
		return asymmetries;
	}

	/**
	 * The names of the public methods a class declares itself (not those it inherits or overrides from elsewhere),
	 * without the compiler's bridges: where a capability is offered.
	 */
	static Set<String> declaredNames(Class<?> type) {
		return Arrays.stream(type.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !method.isBridge()
					&& !method.isSynthetic() && !Modifier.isStatic(method.getModifiers()))
			.map(Method::getName)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	private static void add(Map<String, String> asymmetries, String name, String what) {
		asymmetries.merge(name, what, (one, other) -> one + "; " + other);
	}

	/** The public instance methods of a type, by name and parameter types (counterparts substituted). */
	private static Map<String, Method> signatures(Class<?> type, Map<String, String> counterparts) {
		Map<String, Method> methods = new TreeMap<>();
		for (Method method : type.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) || method.getDeclaringClass() == Object.class
					|| method.isBridge() || method.isSynthetic()) {
				continue;
			}
			String parameters = Arrays.stream(method.getGenericParameterTypes())
				.map((parameter) -> substitute(parameter.getTypeName(), counterparts))
				.collect(Collectors.joining(", "));
			methods.put(method.getName() + "(" + parameters + ")", method);
		}
		return methods;
	}

	/** What the reactive counterpart of a blocking method returns. */
	private static String expectedResult(Method method, Map<String, String> counterparts) {
		Type result = method.getGenericReturnType();
		String name = result.getTypeName();
		if (method.getParameterCount() == 0 && method.getName().startsWith("get")) {
			return name;
		}
		if (result == void.class) {
			return MONO + "<java.lang.Void>";
		}
		if (result instanceof Class<?> primitive && primitive.isPrimitive()) {
			return MONO + "<java.lang." + boxed(primitive) + ">";
		}
		String raw = raw(name);
		if (counterparts.containsKey(raw)) {
			return substitute(name, counterparts);
		}
		if (raw.equals("java.util.List") || raw.equals("java.util.Collection")) {
			return FLUX + name.substring(raw.length());
		}
		if (raw.equals("java.util.Optional")) {
			return MONO + name.substring(raw.length());
		}
		return MONO + "<" + substitute(name, counterparts) + ">";
	}

	private static String boxed(Class<?> primitive) {
		return switch (primitive.getName()) {
			case "int" -> "Integer";
			case "char" -> "Character";
			default -> Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
		};
	}

	private static String raw(String typeName) {
		int arguments = typeName.indexOf('<');
		return (arguments < 0) ? typeName : typeName.substring(0, arguments);
	}

	/** A type name with each blocking type that has a counterpart replaced by it (whole names only). */
	private static String substitute(String typeName, Map<String, String> counterparts) {
		String substituted = typeName;
		for (Map.Entry<String, String> entry : counterparts.entrySet()) {
			substituted = substituted.replaceAll("(?<![\\w.$])" + java.util.regex.Pattern.quote(entry.getKey())
					+ "(?![\\w$])", java.util.regex.Matcher.quoteReplacement(entry.getValue()));
		}
		return substituted;
	}

}
