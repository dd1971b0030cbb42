package dev.singletable.core.config;

import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.data.auditing.CurrentDateTimeProvider;
import org.springframework.data.auditing.DateTimeProvider;

/**
 * The dates the auditing handler sets on {@code Auditable} types, truncated to microseconds: the precision the
 * storage format keeps, so that the entity a write returns equals the one read back. Wraps the application's
 * {@link DateTimeProvider} ({@code dateTimeProviderRef}), else the current time. The blocking auditing
 * ({@link EnableSingleTableAuditing}) and the reactive one ({@code ReactiveAuditingEntityCallback}) use it.
 */
public final class StoredPrecisionDateTimeProvider implements DateTimeProvider {

	private final DateTimeProvider delegate;

	/**
	 * Creates a provider of the current time, truncated to microseconds.
	 */
	public StoredPrecisionDateTimeProvider() {
		this(null);
	}

	/**
	 * Creates a provider of the given provider's time, truncated to microseconds.
	 * @param delegate the provider, {@literal null} for the current time
	 */
	public StoredPrecisionDateTimeProvider(@Nullable DateTimeProvider delegate) {
		this.delegate = (delegate != null) ? delegate : CurrentDateTimeProvider.INSTANCE;
	}

	@Override
	public Optional<TemporalAccessor> getNow() {
		return this.delegate.getNow().map(StoredPrecisionDateTimeProvider::truncate);
	}

	private static TemporalAccessor truncate(TemporalAccessor now) {
		if (now instanceof Temporal temporal && temporal.isSupported(ChronoField.NANO_OF_SECOND)) {
			long nanos = temporal.getLong(ChronoField.NANO_OF_SECOND);
			return temporal.with(ChronoField.NANO_OF_SECOND, nanos - nanos % 1_000);
		}
		return now;
	}

}
