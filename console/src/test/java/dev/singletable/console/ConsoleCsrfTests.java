package dev.singletable.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link ConsoleCsrf}: a token is good for the one change it was issued for, until it expires, and only
 * under the key of the console that issued it.
 */
class ConsoleCsrfTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T10:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return ConsoleCsrfTests.this.now.get();
		}

	};

	private final ConsoleCsrf csrf = new ConsoleCsrf(this.clock);

	@Test
	void aTokenIsGoodForTheChangeItWasIssuedFor() {
		String token = this.csrf.issue("restore", "Note", "a/b", 2L);
		assertThatNoException().isThrownBy(() -> this.csrf.check(token, "restore", "Note", "a/b", 2L));
	}

	@Test
	void aTokenIsRefusedForAnyOtherChange() {
		String token = this.csrf.issue("restore", "Note", "n1", 2L);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> this.csrf.check(token, "delete", "Note", "n1", null));
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> this.csrf.check(token, "restore", "Note", "n1", 1L));
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> this.csrf.check(token, "restore", "Note", "n2", 2L));
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> this.csrf.check(token, "restore", "Task", "n1", 2L));
	}

	@Test
	void aTokenOfAnotherStartOrAForgedOneIsRefused() {
		String token = new ConsoleCsrf(this.clock).issue("delete", "Note", "n1", null);
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> this.csrf.check(token, "delete", "Note", "n1", null));
		for (String forged : new String[] { null, "", "x", "99999999999.AAAA", "-1.abc", token.substring(0, token.indexOf('.')) }) {
			assertThatExceptionOfType(ConsoleException.class)
				.isThrownBy(() -> this.csrf.check(forged, "delete", "Note", "n1", null));
		}
	}

	@Test
	void aTokenExpires() {
		String token = this.csrf.issue("delete", "Note", "n1", null);
		this.now.set(this.now.get().plus(ConsoleCsrf.LIFETIME).minusSeconds(1));
		assertThatNoException().isThrownBy(() -> this.csrf.check(token, "delete", "Note", "n1", null));
		this.now.set(this.now.get().plusSeconds(2));
		assertThatExceptionOfType(ConsoleException.class).isThrownBy(() -> this.csrf.check(token, "delete", "Note", "n1", null))
			.withMessageContaining("expired");
	}

}
