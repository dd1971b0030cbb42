package dev.singletable.core.internal.reactive;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;

import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.OperationSettings;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.internal.plan.Step;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What a {@code ReactiveSingleTableTemplate} is made of: the {@link TemplateAssembly} every execution model shares
 * (the table's plans, the template's plans on them, its reads, after-convert callbacks, drift check and blob facts)
 * and the reactive runtime it runs on: the {@link ReactiveDriver} that holds its blob storage and the
 * {@link ReactorCaller} that answers what the plans ask from the subscriber's context, the audit scope captured at
 * call time ({@link #run}). The template and its transactions run their operations' plans on it themselves
 * ({@link #run}, {@link #read}), as the blocking ones do. Immutable: a change of the blob storage, the settings,
 * the callbacks or the reactive auditor makes the components anew ({@link #with}) on the same assembly and
 * executor, which the template swaps in.
 * @param assembly the plans, reads and callbacks of the template, shared by the execution models
 * @param executor the executor of the async client and the table, the only component that holds the client
 * @param blobStorage the blob storage, {@literal null} for none
 * @param caller answers the plans' requests; its driver sends them
 */
public record ReactiveComponents(TemplateAssembly assembly, ReactiveDynamoDbExecutor executor,
		@Nullable ReactiveBlobStorage blobStorage, ReactorCaller caller) {

	/**
	 * Builds the components of a reactive template without blob storage, whose writes join the reactive
	 * transactions bound under the given key (its database factory).
	 */
	public static ReactiveComponents of(Object databaseFactory, ReactiveDynamoDbExecutor executor, TablePlans plans) {
		TemplateAssembly assembly = TemplateAssembly.of(plans, executor.getTableName(), executor::translate);
		return new ReactiveComponents(assembly, executor, null,
				new ReactorCaller(null, null, assembly, databaseFactory, new ReactiveDriver(executor)));
	}

	/**
	 * Returns the components with another blob storage, settings, callbacks or reactive auditor.
	 */
	public ReactiveComponents with(@Nullable ReactiveBlobStorage storage, OperationSettings settings,
			@Nullable ReactiveEntityCallbacks callbacks, @Nullable ReactiveAuditorAware<?> auditor) {
		TemplateAssembly assembly = this.assembly.with((storage != null) ? storage.codec() : null, settings);
		return new ReactiveComponents(assembly, this.executor, storage, new ReactorCaller(callbacks, auditor, assembly,
				this.caller.databaseFactory(), new ReactiveDriver(this.executor, storage)));
	}

	/** The plans of the table, shared with the templates built on them. */
	public TablePlans tablePlans() {
		return this.assembly.table();
	}

	/** The plans of the template's operations, built with its settings and storage's codec. */
	public OperationPlans plans() {
		return this.assembly.plans();
	}

	/**
	 * Runs an operation's plan when subscribed, its requests to the caller answered from the subscriber's context,
	 * the audit scope bound on the calling thread now captured for it.
	 */
	public <T> Mono<T> run(Step<T> plan) {
		return this.caller.driver().run(plan, this.caller)
			.contextWrite(Context.of(ReactorCaller.CAPTURED, ReactorCaller.capture()));
	}

	/** Makes a read's plan and runs it when subscribed (a plan that cannot be made is the read's error signal). */
	public <T> Mono<T> read(Supplier<Step<T>> plan) {
		return Mono.defer(() -> this.caller.driver().run(plan.get()));
	}

	/** Makes a read's plan of several results and runs it when subscribed, emitting each result. */
	public <T> Flux<T> readMany(Supplier<Step<? extends Iterable<T>>> plan) {
		return Mono.defer(() -> this.caller.driver().run(plan.get())).flatMapIterable((results) -> results);
	}

}
