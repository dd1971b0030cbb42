package dev.singletable.core.internal.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A template's {@link OperationPlans}: its settings and blob stage made with it, the plans of its writes, deletes
 * and units at the first that is asked for (so a template made and configured at start loads none of their
 * classes), once, whichever thread asks first.
 */
class OperationPlansUnitTests {

	private final SingleTableMappingContext mappingContext = new SingleTableMappingContext();

	private final TemplateAssembly assembly = TemplateAssembly.of(
			TablePlans.of("things", new MappingSingleTableConverter(this.mappingContext)), "things",
			(ex, request) -> ex);

	@Test
	void aTemplatesStartAndSettingsMakeNoPlanOfItsWrites() {
		this.mappingContext.getRequiredPersistentEntity(Thing.class);

		this.assembly.checkEntities();
		TemplateAssembly configured = this.assembly.with(null, this.assembly.settings().withTrackCounts(true));
		configured.checkEntities();

		assertThat(this.assembly.plans().made()).isFalse();
		assertThat(configured.plans().made()).isFalse();
		assertThat(configured.plans().blobs()).isNotNull();
		assertThat(configured.plans().settings().trackCounts()).isTrue();
	}

	@Test
	void thePlansAreMadeAtTheFirstAskedForAndKept() {
		OperationPlans plans = this.assembly.plans();

		EntityWrites writes = plans.writes();

		assertThat(plans.made()).isTrue();
		assertThat(plans.writes()).isSameAs(writes);
		assertThat(plans.entities()).isSameAs(plans.entities());
		assertThat(plans.deletes()).isSameAs(plans.deletes());
		assertThat(plans.units()).isSameAs(plans.units());
		assertThat(plans.bulk()).isSameAs(plans.bulk());
		assertThat(plans.sender()).isSameAs(plans.sender());
	}

	@Test
	void threadsAskingAtOnceGetTheSamePlans() throws Exception {
		OperationPlans plans = this.assembly.plans();
		int threads = 8;
		CountDownLatch ready = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<EntityWrites>> asked = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				asked.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return plans.writes();
				}));
			}
			assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
			go.countDown();
			EntityWrites first = asked.get(0).get(10, TimeUnit.SECONDS);
			for (Future<EntityWrites> writes : asked) {
				assertThat(writes.get(10, TimeUnit.SECONDS)).isSameAs(first);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aDriftGuardSetBeforeThePlansAreMadeGuardsTheirWrites() {
		IndexDriftGuard refusing = new IndexDriftGuard() {

			@Override
			public IndexDrift drift(Class<?> type, String index) {
				return null;
			}

			@Override
			public void checkWrite(Class<?> type) {
				throw new IllegalStateException("refused " + type.getSimpleName());
			}

		};
		this.assembly.table().support().layout().setGuard(refusing);
		assertThat(this.assembly.plans().made()).isFalse();

		assertThatIllegalStateException().isThrownBy(() -> this.assembly.plans().writes().create(new Thing("t1")))
			.withMessage("refused Thing");
	}

	@SingleTableEntity
	record Thing(@Id String id) {
	}

}
