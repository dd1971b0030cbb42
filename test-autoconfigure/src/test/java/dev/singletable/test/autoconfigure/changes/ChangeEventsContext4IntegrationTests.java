package dev.singletable.test.autoconfigure.changes;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The fourth of four full-application test contexts with change events and the outbox (see
 * {@link ChangeEventsContextIntegrationTests}).
 */
@SpringBootTest(classes = ChangesApplication.class,
		properties = { "singletable.changes.enabled=true", "singletable.table-name=context-4" })
class ChangeEventsContext4IntegrationTests extends ChangeEventsContextIntegrationTests {

	@Override
	String parcel() {
		return "c4";
	}

}
