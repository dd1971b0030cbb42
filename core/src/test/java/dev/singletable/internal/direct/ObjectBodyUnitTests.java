package dev.singletable.internal.direct;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.singletable.internal.plan.Request;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule both object drivers read a body by ({@link ObjectBody}), without a server: a body announced longer than
 * the limit is not read, one that grows past it stops being read, one within it is kept whole.
 */
class ObjectBodyUnitTests {

	private static final GetObjectRequest GET = GetObjectRequest.builder().bucket("b").key("k").build();

	@Test
	void aBodyAnnouncedLongerThanTheLimitIsNotRead() {
		ObjectBody body = new ObjectBody(new Request.GetObject(GET, 4), response(10L));

		Request.GetObject.Content content = body.tooLong();

		assertThat(content).isNotNull();
		assertThat(content.body()).isNull();
		assertThat(content.size()).isEqualTo(10);
	}

	@Test
	void aBodyThatGrowsPastTheLimitStopsAtTheChunkThatExceedsIt() {
		ObjectBody body = new ObjectBody(new Request.GetObject(GET, 4), response(null));
		assertThat(body.tooLong()).isNull();

		assertThat(body.add(bytes("abc"), 3)).isFalse();
		assertThat(body.add(bytes("def"), 3)).isTrue();

		Request.GetObject.Content content = body.content();
		assertThat(content.body()).isNull();
		assertThat(content.size()).isEqualTo(6);
	}

	@Test
	void aBodyWithinTheLimitIsKeptWholeFromTheBytesEachChunkHolds() {
		ObjectBody body = new ObjectBody(new Request.GetObject(GET, 6), response(6L));
		assertThat(body.tooLong()).isNull();

		assertThat(body.add(bytes("abcXX"), 3)).isFalse();
		assertThat(body.add(bytes("def"), 3)).isFalse();

		Request.GetObject.Content content = body.content();
		assertThat(content.body()).isEqualTo(bytes("abcdef"));
		assertThat(content.size()).isEqualTo(6);
	}

	@Test
	void withoutALimitEveryBodyIsRead() {
		ObjectBody body = new ObjectBody(new Request.GetObject(GET, -1), response(1_000_000L));
		assertThat(body.tooLong()).isNull();

		assertThat(body.add(bytes("abc"), 3)).isFalse();

		assertThat(body.content().body()).isEqualTo(bytes("abc"));
	}

	private static GetObjectResponse response(Long length) {
		return GetObjectResponse.builder().contentLength(length).build();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
