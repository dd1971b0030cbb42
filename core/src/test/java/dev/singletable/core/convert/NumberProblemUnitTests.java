package dev.singletable.core.convert;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import dev.singletable.internal.format.AttributeValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AttributeValues#numberProblem(Number)}: the one rule for the numbers DynamoDB stores — finite, at most 38
 * significant digits, a magnitude from {@code 1E-130} to {@code 9.99..E+125}, or zero — right at its limits.
 */
class NumberProblemUnitTests {

	@Test
	void thirtyEightSignificantDigitsAreStoredAndThirtyNineAreNot() {
		assertThat(AttributeValues.numberProblem(new BigDecimal("1".repeat(38)))).isNull();
		assertThat(AttributeValues.numberProblem(new BigDecimal("0." + "1".repeat(38)))).isNull();
		assertThat(AttributeValues.numberProblem(new BigDecimal("1".repeat(39)))).contains("39 significant digits");
		assertThat(AttributeValues.numberProblem(new BigInteger("9".repeat(39)))).contains("39 significant digits");
		// trailing zeros are not significant
		assertThat(AttributeValues.numberProblem(new BigInteger("1" + "0".repeat(100)))).isNull();
		assertThat(AttributeValues.numberProblem(new BigDecimal("1.5" + "0".repeat(60)))).isNull();
	}

	@Test
	void magnitudesFrom1EMinus130To9Point99EPlus125AreStoredAndOthersAreNot() {
		assertThat(AttributeValues.numberProblem(new BigDecimal("1E-130"))).isNull();
		assertThat(AttributeValues.numberProblem(new BigDecimal("-1E-130"))).isNull();
		assertThat(AttributeValues.numberProblem(new BigDecimal("9." + "9".repeat(37) + "E+125"))).isNull();
		assertThat(AttributeValues.numberProblem(new BigDecimal("9.9E-131"))).contains("magnitude");
		assertThat(AttributeValues.numberProblem(new BigDecimal("1E+126"))).contains("magnitude");
		assertThat(AttributeValues.numberProblem(new BigDecimal("-1E+126"))).contains("magnitude");
		assertThat(AttributeValues.numberProblem(new BigDecimal("0E-500"))).isNull();
		assertThat(AttributeValues.numberProblem(1e300)).contains("magnitude");
		assertThat(AttributeValues.numberProblem(Double.MIN_VALUE)).contains("magnitude");
	}

	@Test
	void primitiveWrappersAreCheckedAsTheyAreWritten() {
		assertThat(AttributeValues.numberProblem(Long.MIN_VALUE)).isNull();
		assertThat(AttributeValues.numberProblem(0.1)).isNull();
		assertThat(AttributeValues.numberProblem(Float.MAX_VALUE)).isNull();
		assertThat(AttributeValues.numberProblem(Double.NaN)).contains("NaN");
		assertThat(AttributeValues.numberProblem(Float.NEGATIVE_INFINITY)).contains("infinite");
	}

}
