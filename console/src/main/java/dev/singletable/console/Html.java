package dev.singletable.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * The one writer of the console's HTML: every piece of text goes through {@link #text(Object)} or an attribute
 * method, which escape it for both places (element content and quoted attribute values), so a stored
 * {@code <script>} stays text wherever it is shown. Markup is written with {@link #raw(String)} only from
 * constants of the pages.
 */
final class Html {

	private final StringBuilder out = new StringBuilder(8192);

	/**
	 * Escapes text for element content and double- or single-quoted attribute values.
	 * @param value the text, {@literal null} for nothing
	 * @return the escaped text
	 */
	static String escape(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		StringBuilder escaped = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = switch (c) {
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '&' -> "&amp;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				case '`' -> "&#96;";
				default -> null;
			};
			if (replacement != null) {
				if (escaped == null) {
					escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
				}
				escaped.append(replacement);
			}
			else if (escaped != null) {
				escaped.append(c);
			}
		}
		return (escaped != null) ? escaped.toString() : text;
	}

	/**
	 * Encodes one path segment or query value of a link.
	 * @param value the value
	 * @return the encoded value
	 */
	static String url(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	Html raw(String markup) {
		this.out.append(markup);
		return this;
	}

	Html text(@Nullable Object value) {
		this.out.append(escape(value));
		return this;
	}

	/** Opens an element with attributes given as name, value pairs; a {@literal null} value leaves it out. */
	Html open(String tag, @Nullable Object... attributes) {
		this.out.append('<').append(tag);
		for (int i = 0; i + 1 < attributes.length; i += 2) {
			if (attributes[i + 1] != null) {
				this.out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
			}
		}
		this.out.append('>');
		return this;
	}

	Html close(String tag) {
		this.out.append("</").append(tag).append('>');
		return this;
	}

	/** An element holding only escaped text. */
	Html element(String tag, @Nullable Object text, @Nullable Object... attributes) {
		return open(tag, attributes).text(text).close(tag);
	}

	/** A link. */
	Html link(String href, @Nullable Object text, @Nullable Object... attributes) {
		Object[] all = new Object[attributes.length + 2];
		all[0] = "href";
		all[1] = href;
		System.arraycopy(attributes, 0, all, 2, attributes.length);
		return element("a", text, all);
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

}
