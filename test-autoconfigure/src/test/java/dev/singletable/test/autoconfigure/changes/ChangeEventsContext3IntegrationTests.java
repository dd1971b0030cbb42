package dev.singletable.test.autoconfigure.changes;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The third of four full-application test contexts with change events and the outbox (see
 * {@link ChangeEventsContextIntegrationTests}).
 */
@SpringBootTest(classes = ChangesApplication.class,
		properties = { "singletable.changes.enabled=true", "singletable.table-name=context-3" })
class ChangeEventsContext3IntegrationTests extends ChangeEventsContextIntegrationTests {

	@Override
	String parcel() {
		return "c3";
	}

}
