package dev.singletable.core.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents the observations singletable makes: one {@code singletable.operation} observation per template operation
 * (a write, a read by id, a batch, a query page, each page a stream reads, a count, a transaction commit), with
 * low-cardinality tags only — never an id or a key. With Micrometer's meter handler each one becomes a timer of
 * that name (and a long task timer {@code singletable.operation.active}).
 */
public enum SingleTableObservation implements ObservationDocumentation {

	/**
	 * A template operation.
	 */
	OPERATION {

		@Override
		public String getName() {
			return NAME;
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSingleTableObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/** The name of the observation, and of the timer it becomes. */
	public static final String NAME = "singletable.operation";

	/**
	 * The tags of every {@code singletable.operation} observation.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * The simple name of the entity type the operation is about ({@code none} for a transaction's commit
		 * without writes; several types, as a {@code queryAny} or a transaction names them, are joined by
		 * {@code ,}).
		 */
		TYPE {

			@Override
			public String asString() {
				return "type";
			}

		},

		/**
		 * The operation: {@code create}, {@code update}, {@code save}, {@code delete}, {@code findById},
		 * {@code findAllById}, {@code query.page}, {@code query.stream}, {@code query.count}, {@code commit}, ...
		 */
		OPERATION {

			@Override
			public String asString() {
				return "operation";
			}

		},

		/**
		 * The index a query reads, or {@code table} for operations on the table by key.
		 */
		INDEX {

			@Override
			public String asString() {
				return "index";
			}

		},

		/**
		 * The table name.
		 */
		TABLE {

			@Override
			public String asString() {
				return "table";
			}

		}

	}

}
