package dev.singletable.repository.reactive;

/**
 * A closed interface projection of a ticket.
 */
public interface TicketTitle {

	String getTitle();

}
