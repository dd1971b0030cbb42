package dev.singletable.core.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A parsed index key template such as {@code status#{status}}: literal text and property placeholders.
 */
public final class KeyTemplate {

	private final String source;

	private final List<String> literals;

	private final List<String> properties;

	private KeyTemplate(String source, List<String> literals, List<String> properties) {
		this.source = source;
		this.literals = literals;
		this.properties = properties;
	}

	/**
	 * Parses a template.
	 * @param source the template text
	 * @return the template
	 * @throws IllegalArgumentException when a placeholder is not closed or empty
	 */
	public static KeyTemplate parse(String source) {
		List<String> literals = new ArrayList<>();
		List<String> properties = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		int i = 0;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (c == '{') {
				int end = source.indexOf('}', i);
				if (end < 0) {
					throw new IllegalArgumentException("Unclosed '{' in index key template '" + source + "'");
				}
				String property = source.substring(i + 1, end).trim();
				if (property.isEmpty()) {
					throw new IllegalArgumentException("Empty '{}' in index key template '" + source + "'");
				}
				literals.add(literal.toString());
				literal.setLength(0);
				properties.add(property);
				i = end + 1;
			}
			else {
				literal.append(c);
				i++;
			}
		}
		literals.add(literal.toString());
		return new KeyTemplate(source, List.copyOf(literals), List.copyOf(properties));
	}

	/**
	 * Returns the property names the template reads, in order.
	 * @return the property names
	 */
	public List<String> getProperties() {
		return this.properties;
	}

	/**
	 * Returns the literal text before the first placeholder.
	 * @return the literal prefix
	 */
	public String getPrefix() {
		return this.literals.get(0);
	}

	/**
	 * Whether the template has placeholders.
	 * @return {@literal true} if it reads properties
	 */
	public boolean hasProperties() {
		return !this.properties.isEmpty();
	}

	/**
	 * Renders the template.
	 * @param values supplies each property's value by name
	 * @return the key, or {@literal null} when a property value is {@literal null}
	 */
	public @Nullable String render(Function<String, @Nullable Object> values) {
		StringBuilder key = new StringBuilder(this.literals.get(0));
		for (int i = 0; i < this.properties.size(); i++) {
			Object value = values.apply(this.properties.get(i));
			if (value == null) {
				return null;
			}
			key.append(IndexValues.render(value)).append(this.literals.get(i + 1));
		}
		return key.toString();
	}

	/**
	 * Renders only the literal text and the leading properties that have values, stopping at the first that
	 * has none: the prefix a {@code begins_with} condition can use.
	 * @param values supplies property values by name
	 * @return the rendered prefix
	 */
	public String renderPrefix(Function<String, @Nullable Object> values) {
		StringBuilder key = new StringBuilder(this.literals.get(0));
		for (int i = 0; i < this.properties.size(); i++) {
			Object value = values.apply(this.properties.get(i));
			if (value == null) {
				break;
			}
			key.append(IndexValues.render(value)).append(this.literals.get(i + 1));
		}
		return key.toString();
	}

	@Override
	public String toString() {
		return this.source;
	}

}
