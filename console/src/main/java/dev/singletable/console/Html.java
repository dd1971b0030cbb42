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
	 * Escapes text for element content and double- or single-quoted attribute values, and shows every invisible
	 * or bidirectional control character as its code point ({@code [U+202E]}), so that a right-to-left override or a
	 * zero-width space cannot make a value read as another ({@code ‮gnp.exe} as {@code exe.png}). Tabs and line
	 * breaks stay.
	 * @param value the text, {@literal null} for nothing
	 * @return the escaped text
	 */
	static String escape(@Nullable Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		StringBuilder escaped = null;
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			int next = i + Character.charCount(c);
			String replacement = switch (c) {
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '&' -> "&amp;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				case '`' -> "&#96;";
				default -> isInvisible(c) ? String.format("[U+%04X]", c) : null;
			};
			if (replacement != null) {
				if (escaped == null) {
					escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
				}
				escaped.append(replacement);
			}
			else if (escaped != null) {
				escaped.appendCodePoint(c);
			}
			i = next;
		}
		return (escaped != null) ? escaped.toString() : text;
	}

	/**
	 * Whether a code point shows as nothing or reorders what follows: format characters (bidirectional controls,
	 * zero-width spaces and joiners, the byte order mark, tags), control characters other than tab and line
	 * breaks, the line and paragraph separators, and the blank fillers.
	 */
	static boolean isInvisible(int c) {
		if (c == '\t' || c == '\n' || c == '\r') {
			return false;
		}
		int type = Character.getType(c);
		return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED && c >= 0xE0000
				|| c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0;
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
