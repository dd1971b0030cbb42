package dev.singletable.core.internal.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decisions both template drivers share ({@link RequestRoutes}), without a server: each effect of a model
 * recorded as text, so that the test sees where each request went, in which order, and what failed naming what.
 */
class RequestRoutesUnitTests {

	private final List<String> performed = new ArrayList<>();

	private final Function<Request.Caller, String> caller = (request) -> record("caller " + request);

	@Test
	void eachKindOfRequestGoesToItsEffect() {
		RequestRoutes<String> routes = new RequestRoutes<>(() -> effects(true));
		Request.Plain get = new Request.Plain(GetItemRequest.builder().tableName("t").build());
		Step<String> plan = Step.done("x");

		assertThat(routes.send(get, this.caller)).startsWith("dynamoDb ");
		assertThat(routes.send(new Request.Transact(List.of(), "token"), this.caller)).isEqualTo("transact token");
		assertThat(routes.send(new Request.Wait(Duration.ofMillis(7)), this.caller)).isEqualTo("pause PT0.007S");
		assertThat(routes.send(new Request.Background(plan, "key"), this.caller)).isEqualTo("background key");
		assertThat(routes.send(new Request.Plans(List.of(plan, plan)), this.caller)).isEqualTo("plans 2 with caller");
		assertThat(routes.send(new BlobRequest.DeleteBlobs(List.of()), this.caller)).startsWith("blob DeleteBlobs");
		assertThat(routes.send(new CallerAsk(), this.caller)).isEqualTo("caller asked");
	}

	@Test
	void aBackoffIsCountedAsARetryBeforeItsPause() {
		RequestRoutes<String> routes = new RequestRoutes<>(() -> effects(true));

		String answer = routes.send(new Request.Backoff(1, "throttled"), this.caller);

		assertThat(this.performed).hasSize(2);
		assertThat(this.performed.get(0)).isEqualTo("retried throttled");
		assertThat(this.performed.get(1)).startsWith("pause ");
		assertThat(answer).isEqualTo(this.performed.get(1));
	}

	@Test
	void aCallersRequestInARunGivenNoAnswererFailsNamingIt() {
		RequestRoutes<String> routes = new RequestRoutes<>(() -> effects(true));

		String answer = routes.send(new CallerAsk(), routes.noCaller());

		assertThat(answer).isEqualTo("failed No caller answers asked in this run");
		assertThat(this.performed).containsExactly(answer);
	}

	@Test
	void anObjectRequestOfATemplateWithoutBlobStorageFailsNamingItsKind() {
		RequestRoutes<String> routes = new RequestRoutes<>(() -> effects(false));

		String answer = routes.send(new BlobRequest.DeleteBlobs(List.of()), this.caller);

		assertThat(answer).startsWith("failed A plan asked for an object request (DeleteBlobs)")
			.endsWith("of a template without blob storage");
		assertThat(this.performed).containsExactly(answer);
	}

	@Test
	void aRequestOfAKindNoTemplateDriverSendsFailsNamingIt() {
		RequestRoutes<String> routes = new RequestRoutes<>(() -> effects(true));

		String answer = routes.send(new Request.S3(HeadObjectRequest.builder().bucket("b").key("k").build()), this.caller);

		assertThat(answer).startsWith("failed A template's driver does not send S3[");
		assertThat(this.performed).containsExactly(answer);
	}

	private RequestRoutes.Effects<String> effects(boolean withBlobs) {
		return new RequestRoutes.Effects<>((dynamoDb) -> record("dynamoDb " + dynamoDb),
				(transact) -> record("transact " + transact.clientRequestToken()), (reason, pause) -> {
					record("retried " + reason);
					return pause.get();
				}, (duration) -> record("pause " + duration), (plan, serial) -> record("background " + serial),
				(plans, answerer) -> record("plans " + plans.size() + ((answerer == this.caller) ? " with caller" : "")),
				withBlobs ? (blob) -> record("blob " + blob) : null, (ex) -> record("failed " + ex.getMessage()));
	}

	private String record(String effect) {
		this.performed.add(effect);
		return effect;
	}

	/** A request only the caller answers. */
	private static final class CallerAsk implements Request.Caller {

		@Override
		public String toString() {
			return "asked";
		}

	}

}
