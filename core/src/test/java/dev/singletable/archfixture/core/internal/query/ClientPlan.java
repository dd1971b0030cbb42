package dev.singletable.archfixture.core.internal.query;

import dev.singletable.archfixture.sdk.FixtureClient;

/** Broken: a plan that sends its request through an SDK client itself. */
public class ClientPlan {

	String read(FixtureClient client) {
		return client.describe("table");
	}

}
