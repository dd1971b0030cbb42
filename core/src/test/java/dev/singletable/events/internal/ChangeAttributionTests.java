package dev.singletable.events.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChange.Type;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChangeAttribution} without a server: which audit row is a change's, and what it makes of it.
 */
class ChangeAttributionTests {

	private static final Instant STAMPED = Instant.parse("2026-11-26T10:00:00.123456Z");

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final ChangeAttribution attribution = new ChangeAttribution(this.converter);

	@Test
	void theRowOfAChangeIsTheFirstOfItsOperationMadeAfterTheItemWasStamped() {
		ResourceChange<Account> change = change(Type.UPDATED, Account.class, 3);
		ChangeAttribution.Lookup lookup = this.attribution.lookup(change, record(change, new Account("a1", 3L, 30)));

		ResourceChange<Account> attributed = this.attribution.match(change, lookup,
				List.of(row("UPDATE", "earlier", STAMPED.minusMillis(40), Map.of()),
						row("CREATE", "other operation", STAMPED.plusMillis(1), Map.of()),
						row("UPDATE", "ann", STAMPED.plusMillis(1), Map.of()),
						row("UPDATE", "later", STAMPED.plusMillis(9), Map.of())));

		assertThat(lookup.resourceType()).isEqualTo("Account");
		assertThat(lookup.id()).isEqualTo("a1");
		assertThat(lookup.since()).isEqualTo(STAMPED.minusSeconds(1));
		assertThat(attributed.changedBy()).isEqualTo("ann");
		assertThat(attributed.type()).isEqualTo(Type.UPDATED);
		assertThat(attributed.version()).isEqualTo(3);
		assertThat(attributed.newState()).isEqualTo(change.newState());
	}

	@Test
	void anUpdateWhoseRowNamesARestoredVersionOrIsARestoreIsARestore() {
		ResourceChange<Account> change = change(Type.UPDATED, Account.class, 4);
		ChangeAttribution.Lookup lookup = this.attribution.lookup(change, record(change, new Account("a1", 4L, 10)));

		assertThat(this.attribution
			.match(change, lookup,
					List.of(row("UPDATE", "cy", STAMPED, Map.of(AuditEntry.RESTORED_FROM_VERSION, LongNode.valueOf(1)))))
			.type()).isEqualTo(Type.RESTORED);
		assertThat(this.attribution.match(change, lookup, List.of(row("RESTORE", "py", STAMPED, Map.of()))).type())
			.isEqualTo(Type.RESTORED);
	}

	@Test
	void noRowYetIsNoMatchAndATypeWithoutAuditOrAnExpiryIsNotLookedUp() {
		ResourceChange<Account> change = change(Type.UPDATED, Account.class, 2);
		ChangeAttribution.Lookup lookup = this.attribution.lookup(change, record(change, new Account("a1", 2L, 1)));
		ResourceChange<Plain> plain = change(Type.UPDATED, Plain.class, 0);
		ResourceChange<Account> expired = new ResourceChange<>(Type.DELETED, Account.class, "a1", 2, null, null,
				STAMPED, "1", "Account#a1", true);

		assertThat(this.attribution.match(change, lookup, List.of(row("UPDATE", "old", STAMPED.minusMillis(5), Map.of()))))
			.isNull();
		assertThat(this.attribution.lookup(plain, record(plain, new Plain("p1")))).isNull();
		assertThat(this.attribution.lookup(expired, record(expired, new Account("a1", 2L, 1)))).isNull();
	}

	@Test
	void aDeletionIsMatchedToTheFirstDeleteRowAfterTheDeletedItemsLastWrite() {
		ResourceChange<Account> change = new ResourceChange<>(Type.DELETED, Account.class, "a1", 2,
				new Account("a1", 2L, 1), null, STAMPED, "1", "Account#a1", false);
		ChangeAttribution.Lookup lookup = this.attribution.lookup(change, record(change, new Account("a1", 2L, 1)));

		ResourceChange<Account> attributed = this.attribution.match(change, lookup,
				List.of(row("UPDATE", "bob", STAMPED, Map.of()), row("DELETE", "dee", STAMPED.plusSeconds(5), Map.of())));

		assertThat(lookup.operation()).isEqualTo(AuditEntry.DELETE);
		assertThat(attributed.changedBy()).isEqualTo("dee");
		assertThat(attributed.type()).isEqualTo(Type.DELETED);
	}

	private static <T> ResourceChange<T> change(Type type, Class<T> resourceType, long version) {
		return new ResourceChange<>(type, resourceType, "a1", version, null, null, STAMPED, "1", "Account#a1", false);
	}

	private Record record(ResourceChange<?> change, Object state) {
		Map<String, AttributeValue> item = new HashMap<>(this.converter.writeBody(state, STAMPED, STAMPED));
		StreamRecord.Builder stream = StreamRecord.builder();
		if (change.type() == Type.DELETED) {
			stream.oldImage(item);
		}
		else {
			stream.newImage(item);
		}
		return Record.builder().dynamodb(stream.build()).build();
	}

	private static AuditEntry row(String operation, String changedBy, Instant at, Map<String, JsonNode> metadata) {
		return new AuditEntry("01JDQX" + at.toEpochMilli(), "Account", "a1", operation, changedBy, null, null, metadata,
				at);
	}

	@Audited
	@SingleTableEntity(versioned = true)
	record Account(@Id String id, @Version Long version, int balance) {
	}

	@SingleTableEntity
	record Plain(@Id String id) {
	}

}
