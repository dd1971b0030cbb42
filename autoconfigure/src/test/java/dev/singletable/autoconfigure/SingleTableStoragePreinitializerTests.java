package dev.singletable.autoconfigure;

import org.junit.jupiter.api.Test;

import dev.singletable.autoconfigure.SingleTableStoragePreinitializer.Throwaway;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableStoragePreinitializer}.
 */
class SingleTableStoragePreinitializerTests {

	@Test
	void preinitializationMapsWritesAndReadsBackItsThrowawayEntity() {
		// Every part the converter and the mapping context load is exercised: a failure would read back null
		assertThat(SingleTableStoragePreinitializer.preinitialize()).isEqualTo(Throwaway.SAMPLE);
	}

}
