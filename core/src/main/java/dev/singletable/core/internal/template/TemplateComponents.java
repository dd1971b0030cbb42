package dev.singletable.core.internal.template;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.operation.OperationSettings;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.run.DefaultSingleTableQuery;
import dev.singletable.core.internal.query.run.QueryExecutor;
import dev.singletable.core.internal.transaction.DefaultSingleTableTransaction;
import dev.singletable.core.internal.transaction.ThreadCaller;
import dev.singletable.core.query.SingleTableQuery;

/**
 * What a {@code SingleTableTemplate} is made of: the {@link TemplateAssembly} every execution model shares (the
 * table's plans, the template's plans on them, its reads, callbacks, drift check and blob facts) and the blocking
 * runtime it runs on: the {@link BlockingDriver}s of its reads and writes, the {@link ThreadCaller} that answers what
 * the plans ask on the calling thread (joining the transaction bound to it), the commit of its transactions and the
 * {@link QueryExecutor} that adapts query pages to lists and streams. The template is a facade over it. Immutable: a
 * change of the blob storage or of a setting ({@link #with}) makes the components
 * anew on the same runtime base, which the template swaps in.
 * @param base what neither the blob storage nor the settings change
 * @param assembly the plans, reads and callbacks of the template, shared by the execution models
 * @param blobStorage the template's blob storage, {@literal null} for none
 * @param driver runs the plans of the template's writes on its executor and blob storage
 * @param caller answers what the plans ask on the calling thread, the transaction bound to it found when asked
 * @param writes the template's writes: each plan run with the caller's answers, joining the transaction bound to
 * the template's database factory, else sent at once
 */
public record TemplateComponents(Base base, TemplateAssembly assembly, @Nullable BlobStorage blobStorage,
		BlockingDriver driver, ThreadCaller caller, DefaultSingleTableTransaction writes) {

	/**
	 * Builds the components of a template without blob storage, on plans of its own.
	 * @param databaseFactory the table's client and name
	 * @param converter the template's converter
	 */
	public static TemplateComponents of(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		Assert.notNull(databaseFactory, "SingleTableDatabaseFactory must not be null");
		String tableName = databaseFactory.getTableName();
		DynamoDbExecutor executor = new DynamoDbExecutor(databaseFactory.getClient(), tableName);
		TemplateAssembly assembly = TemplateAssembly.of(TablePlans.of(tableName, converter), tableName,
				executor::translate);
		return of(Base.of(databaseFactory, executor, assembly), assembly, null);
	}

	private static TemplateComponents of(Base base, TemplateAssembly assembly, @Nullable BlobStorage blobStorage) {
		BlockingDriver driver = new BlockingDriver(base.executor(), base.parallel(), blobStorage);
		ThreadCaller caller = new ThreadCaller(assembly, base.databaseFactory(), driver);
		return new TemplateComponents(base, assembly, blobStorage, driver, caller,
				new DefaultSingleTableTransaction(assembly.plans(), driver, caller));
	}

	/**
	 * Returns the components of a template with another blob storage or settings, as {@code ReactiveComponents.with}
	 * does: what holds the storage and the plans are built anew, the runtime base (and what configures it) is this
	 * one's.
	 * @param blobStorage the blob storage, {@literal null} for none
	 * @param settings the settings
	 */
	public TemplateComponents with(@Nullable BlobStorage blobStorage, OperationSettings settings) {
		return of(this.base, this.assembly.with((blobStorage != null) ? blobStorage.codec() : null, settings),
				blobStorage);
	}

	/**
	 * Runs a read's plan on the template's reader ({@link Base#reader()}).
	 * @return the plan's result
	 */
	public <R> @Nullable R read(Step<R> plan) {
		return this.base.reader().run(plan);
	}

	/**
	 * Runs a write's plan with the caller's answers: joining the transaction bound, else sent at once; refused in
	 * one by the plan itself when it cannot join ({@code CallerRequest.RefuseInTransaction}).
	 * @return the plan's result
	 */
	public <R> @Nullable R write(Step<R> plan) {
		return this.writes.run(plan);
	}

	/**
	 * Starts a query over some types: one type's own, or several sharing an index ({@code any}).
	 */
	public <T> SingleTableQuery<T> query(List<Class<?>> types, boolean any) {
		return new DefaultSingleTableQuery<>(this.base.queries(), this.assembly.entities(types), any);
	}

	/**
	 * What neither the blob storage nor the settings change, built once per template: the blocking runtime's
	 * executor, helper threads, reader and queries (their cursors sealed with the keys of the assembly,
	 * {@link TemplateAssembly#cursorSecrets()}).
	 * @param reader runs the plans of the template's reads, a step's requests side by side
	 */
	public record Base(SingleTableDatabaseFactory databaseFactory, DynamoDbExecutor executor,
			ParallelRequests parallel, BlockingDriver reader, QueryExecutor queries) {

		static Base of(SingleTableDatabaseFactory databaseFactory, DynamoDbExecutor executor,
				TemplateAssembly assembly) {
			ParallelRequests parallel = new ParallelRequests(databaseFactory.getTableName(), executor.observations());
			BlockingDriver reader = BlockingDriver.sendingSideBySide(executor, parallel);
			QueryExecutor queries = new QueryExecutor(reader, assembly.queryPlans(), parallel, assembly.drift());
			return new Base(databaseFactory, executor, parallel, reader, queries);
		}

	}

}
