package dev.singletable.repository.query;

/**
 * Thrown at start-up when a {@link dev.singletable.repository.CollectionQuery @CollectionQuery} method cannot be
 * created: its types do not share the partition key template of the index it names, it does not return an
 * {@code ItemCollection}, or its parameters are not the partition's values, a cursor and a limit. The fixes differ
 * from those of a derived query (an index key, filtering, {@code @IndexQuery} do not apply), so its failure analysis
 * names those of a collection query.
 */
public class UnsupportedCollectionQueryException extends UnsupportedQueryMethodException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates a new exception.
	 * @param message the full explanation
	 * @param reason why the method cannot be created
	 */
	public UnsupportedCollectionQueryException(String message, Reason reason) {
		super(message, reason);
	}

}
