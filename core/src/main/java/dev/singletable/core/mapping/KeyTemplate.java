package dev.singletable.core.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import dev.singletable.internal.format.IndexValues;

/**
 * A parsed index key template such as {@code status#{status}}: literal text and property placeholders. A
 * placeholder may name the form its value takes after a colon, as Python's format specifications do:
 * {@code {priority:d}} writes an integer as plain decimal ({@code 7}), {@code {priority:05d}} pads it with zeros
 * to five digits ({@code 00007}), so keys a Python service wrote with {@code f"{n:05d}"} can be matched. Without a
 * form, a number takes the default of the template's {@link Role role}: plain decimal in a partition key (as
 * Python's {@code str()} writes it), the order-preserving fixed-width form in a sort key. Every other value is
 * rendered as it is stored (see {@link IndexValues}).
 */
public final class KeyTemplate {

	private static final Pattern PADDED = Pattern.compile("0(\\d{1,2})d");

	private final String source;

	private final Role role;

	private final List<String> literals;

	private final List<String> properties;

	private final List<Form> forms;

	private KeyTemplate(String source, Role role, List<String> literals, List<String> properties, List<Form> forms) {
		this.source = source;
		this.role = role;
		this.literals = literals;
		this.properties = properties;
		this.forms = forms;
	}

	/**
	 * Parses a sort key template.
	 * @param source the template text
	 * @return the template
	 * @throws IllegalArgumentException when a placeholder is not closed, empty, or names an unknown form
	 * @see #parse(String, Role)
	 */
	public static KeyTemplate parse(String source) {
		return parse(source, Role.SORT);
	}

	/**
	 * Parses a template.
	 * @param source the template text
	 * @param role whether the template renders a partition or a sort key
	 * @return the template
	 * @throws IllegalArgumentException when a placeholder is not closed, empty, or names an unknown form
	 */
	public static KeyTemplate parse(String source, Role role) {
		List<String> literals = new ArrayList<>();
		List<String> properties = new ArrayList<>();
		List<Form> forms = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		int i = 0;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (c == '{') {
				int end = source.indexOf('}', i);
				if (end < 0) {
					throw new IllegalArgumentException("Unclosed '{' in index key template '" + source + "'");
				}
				String placeholder = source.substring(i + 1, end).trim();
				int colon = placeholder.indexOf(':');
				String property = ((colon >= 0) ? placeholder.substring(0, colon) : placeholder).trim();
				if (property.isEmpty()) {
					throw new IllegalArgumentException("Empty '{}' in index key template '" + source + "'");
				}
				forms.add((colon >= 0) ? Form.parse(placeholder.substring(colon + 1).trim(), source) : role.defaultForm);
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
		return new KeyTemplate(source, role, List.copyOf(literals), List.copyOf(properties), List.copyOf(forms));
	}

	/**
	 * Returns the property names the template reads, in order.
	 * @return the property names
	 */
	public List<String> getProperties() {
		return this.properties;
	}

	/**
	 * Returns whether this template renders a partition or a sort key.
	 * @return the role
	 */
	public Role getRole() {
		return this.role;
	}

	/**
	 * Whether the placeholder at the given position names an explicit form (such as {@code :05d}), which only
	 * integer properties can take.
	 * @param index the position among {@link #getProperties()}
	 * @return {@literal true} for an explicit number form
	 */
	public boolean hasNumberForm(int index) {
		return this.forms.get(index).explicit();
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
			key.append(this.forms.get(i).render(value)).append(this.literals.get(i + 1));
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
			key.append(this.forms.get(i).render(value)).append(this.literals.get(i + 1));
		}
		return key.toString();
	}

	@Override
	public String toString() {
		return this.source;
	}

	/**
	 * The key a template renders, which decides how a number without an explicit form is written.
	 */
	public enum Role {

		/** A partition key: numbers as plain decimal, as Python's {@code str()} writes them. */
		PARTITION(Form.PLAIN),

		/** A sort key: numbers in the fixed-width form whose string order is their value order. */
		SORT(Form.SORTABLE);

		private final Form defaultForm;

		Role(Form defaultForm) {
			this.defaultForm = defaultForm;
		}

	}

	/**
	 * How a placeholder's value is written: plain, zero-padded to {@code width} digits, or (neither) in the
	 * order-preserving form; {@code explicit} when the template names it.
	 */
	private record Form(boolean sortable, int width, boolean explicit) {

		static final Form PLAIN = new Form(false, 0, false);

		static final Form SORTABLE = new Form(true, 0, false);

		static Form parse(String spec, String source) {
			if (spec.equals("d")) {
				return new Form(false, 0, true);
			}
			Matcher padded = PADDED.matcher(spec);
			if (padded.matches() && Integer.parseInt(padded.group(1)) > 0) {
				return new Form(false, Integer.parseInt(padded.group(1)), true);
			}
			throw new IllegalArgumentException("Unknown form ':" + spec + "' in index key template '" + source
					+ "'; use ':d' for plain digits or ':0Nd' (for example ':05d') for zero-padded digits");
		}

		String render(Object value) {
			if (this.sortable) {
				return IndexValues.render(value);
			}
			return (this.width == 0) ? IndexValues.renderPlain(value) : IndexValues.renderPadded(value, this.width);
		}

	}

}
