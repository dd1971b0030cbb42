package dev.singletable.core.crosslang;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The console tests' door to core's {@link PythonLibrary} (package-private there): the real Python
 * {@code simplesingletable} writing items into a table, started before the class as that extension does. Unlike it,
 * it does not skip every test of the class when Python cannot run: a test that needs Python calls
 * {@link #assumeAvailable()}.
 */
public final class PythonWriter implements BeforeAllCallback, AfterAllCallback {

	private final PythonLibrary library;

	private @Nullable String skipReason = "not started";

	/**
	 * A writer into the given table of the JVM's DynamoDB Local, which it creates as a Python user would.
	 * @param tableName the table
	 */
	public PythonWriter(String tableName) {
		this.library = new PythonLibrary(tableName);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.library.beforeAll(context);
		try {
			this.library.beforeEach(context);
			this.skipReason = null;
		}
		catch (org.opentest4j.TestAbortedException ex) {
			this.skipReason = ex.getMessage();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.library.afterAll(context);
	}

	/** Skips the calling test, with the reason, when the Python side cannot run. */
	public void assumeAvailable() {
		org.junit.jupiter.api.Assumptions.assumeTrue(this.skipReason == null, this.skipReason);
	}

	/**
	 * Whether the Python side runs.
	 * @return {@literal true} when it does
	 */
	public boolean available() {
		return this.skipReason == null;
	}

	/**
	 * Creates a resource of a Python model.
	 * @param type the model, for example {@code CrossDoc}
	 * @param data its fields, by their Python names
	 * @return the new resource's id
	 */
	public String create(String type, Map<String, ?> data) {
		return this.library.create(type, data).id();
	}

	/**
	 * Updates a resource of a Python model (a new version for a versioned one).
	 * @param type the model
	 * @param id the resource
	 * @param data the fields to change
	 */
	public void update(String type, String id, Map<String, ?> data) {
		this.library.update(type, id, data);
	}

}
