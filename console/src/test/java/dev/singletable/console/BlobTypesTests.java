package dev.singletable.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BlobTypes}: what is previewed (as data only), the extension of a download, an invalid type.
 */
class BlobTypesTests {

	@Test
	void onlyTextJsonAndRasterImagesArePreviewed() {
		assertThat(BlobTypes.preview("text/plain;charset=UTF-8")).isEqualTo(BlobTypes.Preview.TEXT);
		assertThat(BlobTypes.preview("application/json")).isEqualTo(BlobTypes.Preview.TEXT);
		assertThat(BlobTypes.preview("application/problem+json")).isEqualTo(BlobTypes.Preview.TEXT);
		assertThat(BlobTypes.preview("image/png")).isEqualTo(BlobTypes.Preview.IMAGE);
		assertThat(BlobTypes.preview("IMAGE/JPEG")).isEqualTo(BlobTypes.Preview.IMAGE);
		for (String type : new String[] { "text/html", "image/svg+xml", "text/javascript", "application/xhtml+xml",
				"text/xml", "application/pdf", "application/octet-stream", "not-a-type", "image/*", "" }) {
			assertThat(BlobTypes.preview(type)).as(type).isEqualTo(BlobTypes.Preview.NONE);
		}
	}

	@Test
	void aDownloadIsNamedWithItsTypesExtension() {
		assertThat(BlobTypes.extension("text/plain;charset=UTF-8")).isEqualTo("txt");
		assertThat(BlobTypes.extension("text/html")).isEqualTo("html");
		assertThat(BlobTypes.extension("image/svg+xml")).isEqualTo("svg");
		assertThat(BlobTypes.extension("image/png")).isEqualTo("png");
		assertThat(BlobTypes.extension("application/vnd.api+json")).isEqualTo("json");
		assertThat(BlobTypes.extension("application/x-unknown")).isEqualTo("bin");
		assertThat(BlobTypes.extension("not-a-type")).isEqualTo("bin");
	}

	@Test
	void anInvalidTypeIsServedAsOctetStream() {
		assertThat(BlobTypes.served("not-a-type")).isEqualTo("application/octet-stream");
		assertThat(BlobTypes.served("text/plain;charset=UTF-8")).isEqualTo("text/plain;charset=UTF-8");
	}

}
