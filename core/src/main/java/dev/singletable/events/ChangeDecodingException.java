package dev.singletable.events;

import org.springframework.dao.DataRetrievalFailureException;

/**
 * A record of the table's stream whose item cannot be read as the entity type its key names (a stored item another
 * writer made that the mapping cannot read); the message names the key and the type. The change goes to the
 * dead-letter handler: it is never delivered as a wrong type, and never dropped silently.
 */
public class ChangeDecodingException extends DataRetrievalFailureException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what cannot be read, naming the key and the type
	 * @param cause why
	 */
	public ChangeDecodingException(String message, Throwable cause) {
		super(message, cause);
	}

}
