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
	void linkValuesAreEncoded() {
		assertThat(Html.url("owner#a b/c+d")).isEqualTo("owner%23a%20b%2Fc%2Bd");
		assertThat(ConsoleHandler.segments("/types/Note/" + Html.url("a+b c"))).containsExactly("types", "Note", "a+b c");
	}

}
