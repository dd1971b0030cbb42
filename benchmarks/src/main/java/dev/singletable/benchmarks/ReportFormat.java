package dev.singletable.benchmarks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Sample.Spread;

/**
 * The number formats of the {@link Report}: rates, ratios, capacity units, times, sizes and counts, written with
 * {@link java.util.Locale#ROOT} so that the report reads the same on every machine.
 */
final class ReportFormat {

	private ReportFormat() {
	}

	static String rate(double perSecond) {
		if (perSecond >= 100) {
			return String.format(Locale.ROOT, "%,.0f", perSecond);
		}
		return String.format(Locale.ROOT, (perSecond >= 10) ? "%.1f" : "%.2f", perSecond);
	}

	static String ratio(double ratio) {
		return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio);
	}

	static String number(double value) {
		return (value == Math.rint(value)) ? String.format(Locale.ROOT, "%.0f", value)
				: String.format(Locale.ROOT, "%.2f", value);
	}

	static String units(double value) {
		return (value == 0) ? "0" : String.format(Locale.ROOT, (value >= 100) ? "%.0f" : "%.1f", value);
	}

	static String micros(double nanos) {
		double micros = nanos / 1000;
		return String.format(Locale.ROOT, (micros >= 100) ? "%,.0f" : "%.1f", micros);
	}

	static String millis(@Nullable Spread spread) {
		if (spread == null) {
			return "–";
		}
		return String.format(Locale.ROOT, "%.0f (%.0f–%.0f)", spread.median(), spread.min(), spread.max());
	}

	static String signedMillis(double millis) {
		return String.format(Locale.ROOT, "%+,.0f ms", millis).replace("-", "−");
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
	}

	static String count(long items) {
		return (items >= 1000 && items % 1000 == 0) ? (items / 1000) + "k" : String.format(Locale.ROOT, "%,d", items);
	}

	static String kilobytes(double bytes) {
		return (bytes < 0) ? "?" : String.format(Locale.ROOT, "%,.0f KB", bytes / 1024);
	}

	static String bytes(double bytes) {
		if (Math.abs(bytes) >= 1024L * 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
		}
		if (Math.abs(bytes) >= 1024 * 1024) {
			return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
		}
		return String.format(Locale.ROOT, "%,.0f B", bytes);
	}

	static String signedBytes(long bytes) {
		return ((bytes >= 0) ? "+" : "−") + bytes(Math.abs(bytes));
	}

	static String requests(double perOperation) {
		return number(Math.round(perOperation * 10) / 10.0);
	}

	static String milliseconds(Spread spread) {
		String format = (spread.median() >= 100) ? "%,.0f" : "%.1f";
		return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", spread.median(), spread.min(),
				spread.max());
	}

}
