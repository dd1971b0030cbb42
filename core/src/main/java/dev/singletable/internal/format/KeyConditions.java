package dev.singletable.internal.format;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a query's key condition: the value it compares the partition key attribute with, and key values as text.
 */
public final class KeyConditions {

	private static final Pattern EQUALITY = Pattern.compile("(#?[A-Za-z0-9_]+)\\s*=\\s*(:[A-Za-z0-9_]+)");

	private KeyConditions() {
	}

	/**
	 * The value a key condition compares the given attribute with.
	 * @param condition the key condition expression, such as {@code #pk = :pk AND begins_with(#sk, :p)}
	 * @param names the expression's attribute names
	 * @param values the expression's attribute values
	 * @param attribute the partition key attribute, such as {@code gsitype}
	 * @return the value, {@literal null} when the condition does not compare the attribute
	 */
	public static @Nullable AttributeValue partitionValue(@Nullable String condition, Map<String, String> names,
			Map<String, AttributeValue> values, String attribute) {
		if (condition == null) {
			return null;
		}
		Matcher matcher = EQUALITY.matcher(condition);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (name.startsWith("#")) {
				name = names.getOrDefault(name, name);
			}
			if (name.equals(attribute)) {
				return values.get(matcher.group(2));
			}
		}
		return null;
	}

	/**
	 * A key value as text: a string as it is, a number as its digits, a binary in Base64.
	 * @param value the value, {@literal null} for none
	 * @return the text, {@literal null} for none
	 */
	public static @Nullable String text(@Nullable AttributeValue value) {
		if (value == null) {
			return null;
		}
		if (value.s() != null) {
			return value.s();
		}
		if (value.n() != null) {
			return value.n();
		}
		return (value.b() != null) ? java.util.Base64.getEncoder().encodeToString(value.b().asByteArrayUnsafe())
				: value.toString();
	}

}
