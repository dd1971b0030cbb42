package dev.singletable.evolution;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@link BackfillOptions} takes and refuses values, without a server: a refused value fails naming the option and
 * the value.
 */
class BackfillOptionsTests {

	@Test
	void validValuesAreKept() {
		BackfillOptions options = BackfillOptions.defaults()
			.withSegments(1_000_000)
			.withThreads(1)
			.withMaxCapacityPerSecond(0)
			.withLeaseDuration(Duration.ofSeconds(1))
			.withMaxAttempts(1);
		assertThat(options.getSegments()).isEqualTo(1_000_000);
		assertThat(options.getThreads()).isEqualTo(1);
		assertThat(options.getMaxCapacityPerSecond()).isZero();
		assertThat(options.getLeaseDuration()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.getMaxAttempts()).isEqualTo(1);
	}

	@Test
	void invalidValuesFailNamingTheOptionAndTheValue() {
		BackfillOptions defaults = BackfillOptions.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withSegments(0))
			.withMessage("Backfill segments must be between 1 and 1000000, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withSegments(1_000_001))
			.withMessage("Backfill segments must be between 1 and 1000000, not 1000001");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withThreads(0))
			.withMessage("Backfill threads must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxCapacityPerSecond(-0.5))
			.withMessage("Backfill capacity limit must not be negative, not -0.5");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withLeaseDuration(Duration.ofMillis(999)))
			.withMessage("Backfill lease duration must be at least one second, not PT0.999S");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxAttempts(0))
			.withMessage("Backfill attempts must be at least 1, not 0");
	}

}
