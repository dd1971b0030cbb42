package dev.singletable.test.autoconfigure.changes;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The second of four full-application test contexts with change events and the outbox (see
 * {@link ChangeEventsContextIntegrationTests}).
 */
@SpringBootTest(classes = ChangesApplication.class,
		properties = { "singletable.changes.enabled=true", "singletable.table-name=context-2" })
class ChangeEventsContext2IntegrationTests extends ChangeEventsContextIntegrationTests {

	@Override
	String parcel() {
		return "c2";
	}

}
