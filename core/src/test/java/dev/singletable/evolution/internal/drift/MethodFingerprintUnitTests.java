package dev.singletable.evolution.internal.drift;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint of a computed key's logic: alike for a renamed method, class, helper or lambda with the same
 * instructions; different for changed logic, in the method or in a helper it calls.
 */
class MethodFingerprintUnitTests {

	private static String fingerprint(Class<?> type, String method) throws NoSuchMethodException {
		Method found = type.getDeclaredMethod(method);
		return MethodFingerprint.of(found);
	}

	@Test
	void aRenamedMethodHelperLambdaAndClassWithTheSameLogicAreAlike() throws Exception {
		assertThat(fingerprint(Original.class, "key")).isEqualTo(fingerprint(Renamed.class, "carrierKey"))
			.doesNotStartWith("signature:");
	}

	@Test
	void changedLogicInTheMethodOrInAHelperItCallsDiffers() throws Exception {
		String original = fingerprint(Original.class, "key");

		assertThat(fingerprint(ChangedConstant.class, "key")).isNotEqualTo(original);
		assertThat(fingerprint(ChangedHelper.class, "key")).isNotEqualTo(original);
		assertThat(fingerprint(ChangedLambda.class, "key")).isNotEqualTo(original);
	}

	@Test
	void aRecursiveHelperIsFingerprintedOnce() throws Exception {
		assertThat(fingerprint(Recursive.class, "key")).isEqualTo(fingerprint(Recursive.class, "key"));
	}

	static class Original {

		String carrier = "ups";

		List<String> tags = List.of("a", "b");

		String key() {
			return "carrier#" + this.carrier + "#" + heavy() + "#"
					+ this.tags.stream().map((tag) -> tag.toUpperCase()).collect(Collectors.joining(","));
		}

		private boolean heavy() {
			return this.carrier.length() > 2;
		}

	}

	static class Renamed {

		String carrier = "ups";

		List<String> tags = List.of("a", "b");

		String carrierKey() {
			return "carrier#" + this.carrier + "#" + isHeavy() + "#"
					+ this.tags.stream().map((label) -> label.toUpperCase()).collect(Collectors.joining(","));
		}

		private boolean isHeavy() {
			return this.carrier.length() > 2;
		}

	}

	static class ChangedConstant {

		String carrier = "ups";

		List<String> tags = List.of("a", "b");

		String key() {
			return "shipper#" + this.carrier + "#" + heavy() + "#"
					+ this.tags.stream().map((tag) -> tag.toUpperCase()).collect(Collectors.joining(","));
		}

		private boolean heavy() {
			return this.carrier.length() > 2;
		}

	}

	static class ChangedHelper {

		String carrier = "ups";

		List<String> tags = List.of("a", "b");

		String key() {
			return "carrier#" + this.carrier + "#" + heavy() + "#"
					+ this.tags.stream().map((tag) -> tag.toUpperCase()).collect(Collectors.joining(","));
		}

		private boolean heavy() {
			return this.carrier.length() > 3;
		}

	}

	static class ChangedLambda {

		String carrier = "ups";

		List<String> tags = List.of("a", "b");

		String key() {
			return "carrier#" + this.carrier + "#" + heavy() + "#"
					+ this.tags.stream().map((tag) -> tag.toLowerCase()).collect(Collectors.joining(","));
		}

		private boolean heavy() {
			return this.carrier.length() > 2;
		}

	}

	static class Recursive {

		int depth = 3;

		String key() {
			return "depth#" + count(this.depth);
		}

		private int count(int n) {
			return (n <= 0) ? 0 : 1 + count(n - 1);
		}

	}

}
