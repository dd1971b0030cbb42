package dev.singletable.core.internal.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.sample.Ticket;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Tickets as index {@code gsi3} (by assignee, then due date) holds their latest items, the query plans that read
 * them, and a driver answering those plans' queries from them as DynamoDB would ({@link IndexAnswers}).
 */
final class IndexedTickets {

	static final String TABLE = "table";

	static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

	final MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());

	final SingleTablePersistentEntity<?> tickets = this.converter.getRequiredEntity(Ticket.class);

	final QueryPlans plans = new QueryPlans(new QueryReads(TABLE, this.converter, new Timestamps(), null),
			new CursorCodec(CursorSecrets.of(new byte[32])));

	/** The latest items of the tickets stored, as the index holds them. */
	final List<Map<String, AttributeValue>> stored = new ArrayList<>();

	/** Stores the latest item of a ticket of an assignee, due on the given day of January 2026. */
	void store(String title, String assignee, int day) {
		ItemLayout layout = new ItemLayout(this.converter);
		Ticket ticket = new Ticket(title, 1L, AT, AT, title, Ticket.Status.OPEN, "p", assignee,
				LocalDate.of(2026, 1, day), 1);
		this.stored.add(layout.latest(this.tickets, title, ticket, layout.body(ticket, AT, null, AT), 1, AT, AT));
	}

	/**
	 * A driver answering each query of index {@code gsi3} from the stored items.
	 * @param partitionOf the partition a query reads
	 */
	ScriptedDriver driver(Function<QueryRequest, String> partitionOf) {
		return IndexAnswers.driver(this.stored, "gsi3pk", "gsi3sk", partitionOf);
	}

}
