package dev.singletable.benchmarks;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.benchmarks.Results.Accounting;
import dev.singletable.benchmarks.Results.Cpu;
import dev.singletable.benchmarks.Sample.Spread;

import static dev.singletable.benchmarks.ReportFormat.kilobytes;
import static dev.singletable.benchmarks.ReportFormat.micros;
import static dev.singletable.benchmarks.ReportFormat.number;
import static dev.singletable.benchmarks.ReportFormat.ratio;
import static dev.singletable.benchmarks.ReportFormat.units;

/**
 * The figures the {@link Report} derives from {@link Results}: singletable's throughput and CPU against the other
 * contenders round by round, requests and capacity per operation, the steps of the breakdown, the rows of the
 * compression table, the labels of operations.
 */
final class ReportFigures {

	private final Results results;

	private final int streamed;

	/**
	 * Creates the figures of a run.
	 * @param results the figures measured
	 */
	ReportFigures(Results results) {
		this.results = results;
		this.streamed = results.settings().events();
	}

	double estimatedRead(Operation operation, Side side) {
		return this.results.accounting().get(operation).get(side).estimatedReadUnits();
	}

	double estimatedWrite(Operation operation, Side side) {
		return this.results.accounting().get(operation).get(side).estimatedWriteUnits();
	}

	String requestCounts(Operation operation, Side side) {
		Map<Side, Accounting> figures = this.results.accounting().get(operation);
		if (figures == null) {
			return "?";
		}
		Accounting accounting = figures.get(side);
		return number(accounting.requests()) + " DynamoDB + " + number(accounting.s3Calls()) + " S3 requests";
	}

	Results.@Nullable CompressionRow compressionRow(String size, int level) {
		for (Results.CompressionRow row : this.results.compression()) {
			if (row.size().equals(size) && row.level() == level) {
				return row;
			}
		}
		return null;
	}

	double throughputRatio(Operation operation, Side other) {
		Spread ratios = throughputRatios(operation, other);
		return (ratios != null) ? ratios.median() : Double.NaN;
	}

	/** singletable's throughput over the other's, round by round. */
	@Nullable Spread throughputRatios(Operation operation, Side other) {
		Map<Side, List<Double>> rounds = this.results.throughputRounds().get(operation);
		return (rounds != null) ? Spread.ofRatios(rounds.get(Side.SINGLETABLE), rounds.get(other)) : null;
	}

	double cpuRatio(Operation operation, Side other) {
		return cpuRatio(Side.SINGLETABLE, operation, other);
	}

	double cpuRatio(Side side, Operation operation, Side other) {
		return pairedRatio(this.results.cpuRounds().get(operation), side, other);
	}

	/**
	 * singletable's client CPU with cold caches over another contender's, the median over rounds.
	 */
	double coldCpuRatio(Operation operation, Side other) {
		return pairedRatio(this.results.coldCpuRounds().get(operation), Side.SINGLETABLE, other);
	}

	private static double pairedRatio(@Nullable Map<Side, List<Double>> rounds, Side side, Side other) {
		return (rounds != null) ? Spread.ofRatios(rounds.get(side), rounds.get(other)).median() : Double.NaN;
	}

	/**
	 * singletable's throughput of one operation against its throughput of another, measured in the same run (the
	 * median rates).
	 */
	String ownThroughputRatio(Operation operation, Operation other) {
		Map<Side, Spread> ours = this.results.throughput().get(operation);
		Map<Side, Spread> theirs = this.results.throughput().get(other);
		if (ours == null || theirs == null) {
			return "n/a";
		}
		return ratio(ours.get(Side.SINGLETABLE).median() / theirs.get(Side.SINGLETABLE).median());
	}

	String writeUnits(Operation operation) {
		Map<Side, Accounting> figures = this.results.accounting().get(operation);
		if (figures == null) {
			return "";
		}
		return units(figures.get(Side.SINGLETABLE).estimatedWriteUnits()) + " WCU against "
				+ units(figures.get(Side.PEER).estimatedWriteUnits()) + " by the pricing rules";
	}

	String step(String prefix) {
		for (Breakdown.Step step : this.results.breakdown()) {
			if (step.step().startsWith(prefix)) {
				return micros(step.nanos().median());
			}
		}
		return "?";
	}

	String cpuComparison(Operation operation, Side other) {
		Map<Side, Cpu> figures = this.results.cpu().get(operation);
		if (figures == null) {
			return "no CPU figure";
		}
		Cpu ours = figures.get(Side.SINGLETABLE);
		Cpu theirs = figures.get(other);
		return "client CPU " + micros(ours.nanos().median()) + " µs vs " + micros(theirs.nanos().median()) + " µs per op, "
				+ kilobytes(ours.allocatedBytes()) + " vs " + kilobytes(theirs.allocatedBytes()) + " allocated";
	}

	String label(Operation operation) {
		return operation.label(this.streamed);
	}

}
