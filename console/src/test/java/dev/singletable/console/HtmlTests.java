package dev.singletable.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Html}: text and attribute values are escaped for both places; links encode their values.
 */
class HtmlTests {

	@Test
	void textAndAttributesAreEscaped() {
		String html = new Html().element("td", "<script>alert('x')</script> & \"`", "title", "\"><script>").toString();
		assertThat(html).isEqualTo("<td title=\"&quot;&gt;&lt;script&gt;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
				+ " &amp; &quot;&#96;</td>");
	}

	@Test
	void aNullAttributeIsLeftOut() {
		assertThat(new Html().open("option", "value", "a", "selected", null).toString()).isEqualTo("<option value=\"a\">");
	}

	@Test
	void invisibleAndBidirectionalCharactersAreShownAsTheirCodePoints() {
		assertThat(Html.escape("\u202Egnp.exe")).isEqualTo("[U+202E]gnp.exe");
		assertThat(Html.escape("a\u200Bb\u2066c\uFEFF\u0007\u2028")).isEqualTo("a[U+200B]b[U+2066]c[U+FEFF][U+0007][U+2028]");
		assertThat(Html.escape("tag\uDB40\uDC01")).isEqualTo("tag[U+E0001]");
		assertThat(Html.escape("line\n\ttab é 日本 😀")).isEqualTo("line\n\ttab é 日本 😀");
	}

	@Test
	void everyIdTheLibraryAcceptsIsOnePathSegment() {
		for (String id : new String[] { "plain", "a/b", "a\\b", "50%", "a;b", "~", "~2F", ".", "..", "...", "a.b", "#x" }) {
			String segment = ConsolePages.encodeId(id);
			assertThat(segment).doesNotContain("/", "\\", "%", ";").isNotIn(".", "..");
			String link = "/types/Note/" + Html.url(segment);
			assertThat(ConsolePages.decodeId(ConsoleHandler.segments(link).get(2))).isEqualTo(id);
		}
		assertThat(ConsolePages.encodeId("plain.id-1")).isEqualTo("plain.id-1");
	}

	@Test
	void linkValuesAreEncoded() {
		assertThat(Html.url("owner#a b/c+d")).isEqualTo("owner%23a%20b%2Fc%2Bd");
		assertThat(ConsoleHandler.segments("/types/Note/" + Html.url("a+b c"))).containsExactly("types", "Note", "a+b c");
	}

}
