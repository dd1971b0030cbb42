package dev.singletable.internal.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How plans compose, driven by hand with canned answers: no driver, no server.
 */
class StepUnitTests {

	private static final Request FIRST = new Request.Wait(Duration.ofMillis(1));

	private static final Request SECOND = new Request.Wait(Duration.ofMillis(2));

	private static final Request THIRD = new Request.Wait(Duration.ofMillis(3));

	@Test
	void aPlanAsksForItsRequestAndContinuesWithTheAnswer() {
		Step<String> plan = Step.send(FIRST, (answer) -> Step.done("got " + answer.get(String.class)));

		Step.Send<String> send = (Step.Send<String>) plan;
		assertThat(send.requests()).containsExactly(FIRST);
		assertThat(result(send.then().apply(List.of(Answer.of("one"))))).isEqualTo("got one");
	}

	@Test
	void thenRunsTheNextPlanWithTheResult() {
		Step<Integer> plan = Step.send(FIRST, (answer) -> Step.done(answer.get(Integer.class)))
			.then((first) -> Step.send(SECOND, (answer) -> Step.done(first + answer.get(Integer.class))));

		Recorded<Integer> run = run(plan, (request) -> Answer.of((request == FIRST) ? 1 : 10));

		assertThat(run.requests()).containsExactly(FIRST, SECOND);
		assertThat(run.result()).isEqualTo(11);
	}

	@Test
	void aFailedAnswerThrowsWhenThePlanReadsIt() {
		IllegalStateException failure = new IllegalStateException("refused");
		Step<Object> plan = Step.send(FIRST, (answer) -> Step.done(answer.get(Object.class)));

		assertThatIllegalStateException().isThrownBy(() -> run(plan, (request) -> Answer.failed(failure)))
			.isSameAs(failure);
	}

	@Test
	void recoverTurnsAFailureIntoAnotherPlanButNotAFailureOfWhatFollows() {
		Step<String> failing = Step.send(FIRST, (answer) -> {
			throw new IllegalStateException("first failed");
		});
		Step<String> recovered = failing.recover((ex) -> Step.done("recovered from " + ex.getMessage()));
		assertThat(run(recovered, (request) -> Answer.of(null)).result()).isEqualTo("recovered from first failed");

		Step<String> later = Step.<String>send(FIRST, (answer) -> Step.done("ok"))
			.recover((ex) -> Step.done("recovered"))
			.then((ok) -> Step.send(SECOND, (answer) -> {
				throw new IllegalStateException("second failed");
			}));
		assertThatIllegalStateException().isThrownBy(() -> run(later, (request) -> Answer.of(null)))
			.withMessage("second failed");
	}

	@Test
	void andFinallyRunsAfterSuccessAndAfterFailureKeepingTheOutcome() {
		Step<String> succeeding = Step.<String>send(FIRST, (answer) -> Step.done("result"))
			.andFinally(() -> Step.send(THIRD, (answer) -> Step.done(null)));
		Recorded<String> run = run(succeeding, (request) -> Answer.of(null));
		assertThat(run.requests()).containsExactly(FIRST, THIRD);
		assertThat(run.result()).isEqualTo("result");

		List<Request> sent = new ArrayList<>();
		Step<String> failing = Step.<String>send(FIRST, (answer) -> {
			throw new IllegalStateException("failed");
		}).andFinally(() -> Step.send(THIRD, (answer) -> Step.done(null)));
		assertThatIllegalStateException().isThrownBy(() -> run(failing, (request) -> {
			sent.add(request);
			return Answer.of(null);
		})).withMessage("failed");
		assertThat(sent).containsExactly(FIRST, THIRD);
	}

	@Test
	void allSendsTheRequestsOfEveryPlanTogetherAndHandsBackEachAnswer() {
		Step<Integer> one = Step.send(FIRST, (answer) -> Step.done(answer.get(Integer.class)));
		Step<Integer> two = Step.send(SECOND, (a) -> Step.send(THIRD, (b) -> Step.done(a.get(Integer.class)
				+ b.get(Integer.class))));

		Step<List<Integer>> both = Step.all(List.of(one, two));

		Step.Send<List<Integer>> round = (Step.Send<List<Integer>>) both;
		assertThat(round.requests()).containsExactly(FIRST, SECOND);
		Step.Send<List<Integer>> second = (Step.Send<List<Integer>>) round.then()
			.apply(List.of(Answer.of(1), Answer.of(2)));
		assertThat(second.requests()).containsExactly(THIRD);
		assertThat(result(second.then().apply(List.of(Answer.of(3))))).containsExactly(1, 5);
	}

	@Test
	void deferMakesThePlanWhenItRuns() {
		List<String> made = new ArrayList<>();
		Step<String> plan = Step.defer(() -> {
			made.add("made");
			return Step.done("x");
		});
		assertThat(made).isEmpty();
		assertThat(run(plan, (request) -> Answer.of(null)).result()).isEqualTo("x");
		assertThat(made).containsExactly("made");
	}

	private static <R> R result(Step<R> step) {
		assertThat(step).isInstanceOf(Step.Done.class);
		return ((Step.Done<R>) step).result();
	}

	/**
	 * Runs a plan as the blocking driver does, answering each request with the given function.
	 */
	private static <R> Recorded<R> run(Step<R> plan, Function<Request, Answer> answers) {
		List<Request> sent = new ArrayList<>();
		Step<R> step = plan;
		while (step instanceof Step.Send<R> send) {
			List<Answer> answered = new ArrayList<>();
			for (Request request : send.requests()) {
				sent.add(request);
				answered.add(answers.apply(request));
			}
			step = send.then().apply(answered);
		}
		return new Recorded<>(sent, ((Step.Done<R>) step).result());
	}

	private record Recorded<R>(List<Request> requests, R result) {
	}

}
