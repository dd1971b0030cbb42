package dev.singletable.benchmarks.reactive;

import java.util.List;
import java.util.Map;

import dev.singletable.benchmarks.Sample.Spread;

/**
 * What the reactive benchmark measured.
 *
 * @param settings what it measured with
 * @param figures the figures by operation and API
 * @param httpMaxConnections the idle connections the JDK keeps per host for the blocking client
 * ({@code http.maxConnections}, 5 unless set)
 * @param otherThreads threads outside every API's pools that did work while the APIs ran (DynamoDB Local's, the
 * JVM's), with their CPU milliseconds, for the record
 * @param load the machine's one-minute load average after each measured round (every process's runnable
 * threads, this JVM's included), or empty where the system does not give it
 * @param cores the cores available to the JVM
 */
public record ReactiveFigures(ReactiveSettings settings, Map<ConcurrentOperation, Map<Api, Figure>> figures,
		int httpMaxConnections, Map<String, Long> otherThreads, List<Double> load, int cores) {

	/**
	 * Returns the figure of an API for an operation.
	 * @param operation the operation
	 * @param api the API
	 * @return the figure
	 */
	public Figure figure(ConcurrentOperation operation, Api api) {
		return this.figures.get(operation).get(api);
	}

	/**
	 * Returns the reactive API's throughput over another API's, paired by round.
	 * @param operation the operation
	 * @param other the other API
	 * @return the ratios of the rounds
	 */
	public Spread throughputRatio(ConcurrentOperation operation, Api other) {
		return Spread.ofRatios(figure(operation, Api.REACTIVE).rounds(), figure(operation, other).rounds());
	}

	/**
	 * Returns the threads the reactive API used over the threads another API used.
	 * @param operation the operation
	 * @param other the other API
	 * @return the ratio
	 */
	public double threadRatio(ConcurrentOperation operation, Api other) {
		return (double) figure(operation, Api.REACTIVE).threads().size() / figure(operation, other).threads().size();
	}

	/**
	 * Returns the reactive API's operations per second per thread used over another API's.
	 * @param operation the operation
	 * @param other the other API
	 * @return the ratio
	 */
	public double perThreadRatio(ConcurrentOperation operation, Api other) {
		return throughputRatio(operation, other).median() / threadRatio(operation, other);
	}

	/**
	 * Returns the reactive API's client CPU per operation over another API's.
	 * @param operation the operation
	 * @param other the other API
	 * @return the ratio (below 1: the reactive API's threads did less work per operation)
	 */
	public double cpuRatio(ConcurrentOperation operation, Api other) {
		return figure(operation, Api.REACTIVE).cpuMicrosPerOperation() / figure(operation, other).cpuMicrosPerOperation();
	}

	/**
	 * The figure of one API for one operation over the measured rounds.
	 *
	 * @param rounds operations per second in each round
	 * @param perSecond their median and range
	 * @param threads the threads of the API's client and pool that did work in any measured round, by name
	 * @param cpuMillis the CPU time those threads used over the measured rounds
	 * @param alive the threads of the API's client and pool alive after the last round
	 * @param operations operations done over the measured rounds
	 * @param requests requests sent (attempts) over the measured rounds
	 * @param delayed requests that waited the round trip over the measured rounds
	 * @param wallMillis the time of the measured rounds
	 * @param serverCpuMillis the CPU time DynamoDB Local's threads (every thread outside the APIs' pools but the
	 * harness's) used during the measured rounds
	 * @param queueCpuMillis the part of it used by DynamoDB Local's {@code SQLiteQueue} thread, the one thread that
	 * runs every table operation of the server in turn
	 */
	public record Figure(List<Double> rounds, Spread perSecond, List<String> threads, double cpuMillis, long alive,
			long operations, long requests, long delayed, double wallMillis, double serverCpuMillis,
			double queueCpuMillis) {

		/**
		 * Returns the requests per operation.
		 * @return requests over operations
		 */
		public double requestsPerOperation() {
			return (double) this.requests / this.operations;
		}

		/**
		 * Returns the CPU time of the API's threads per operation.
		 * @return microseconds
		 */
		public double cpuMicrosPerOperation() {
			return this.cpuMillis * 1000 / this.operations;
		}

		/**
		 * Returns the mean time of one operation in a lane: lanes over operations per second.
		 * @param lanes the lanes
		 * @return milliseconds
		 */
		public double millisPerOperation(int lanes) {
			return lanes * 1000 / this.perSecond.median();
		}

	}

}
