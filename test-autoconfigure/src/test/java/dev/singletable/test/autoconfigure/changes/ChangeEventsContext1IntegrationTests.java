package dev.singletable.test.autoconfigure.changes;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The first of four full-application test contexts with change events and the outbox (see
 * {@link ChangeEventsContextIntegrationTests}).
 */
@SpringBootTest(classes = ChangesApplication.class,
		properties = { "singletable.changes.enabled=true", "singletable.table-name=context-1" })
class ChangeEventsContext1IntegrationTests extends ChangeEventsContextIntegrationTests {

	@Override
	String parcel() {
		return "c1";
	}

}
