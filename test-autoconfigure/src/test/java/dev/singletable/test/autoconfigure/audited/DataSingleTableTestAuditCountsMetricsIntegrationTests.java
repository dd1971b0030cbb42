package dev.singletable.test.autoconfigure.audited;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.test.autoconfigure.DataSingleTableTest;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link DataSingleTableTest @DataSingleTableTest} that imports the application's {@code AuditorAware} and
 * metrics registries, with type counts on: auditing fills {@code @CreatedBy} and names the changer in audit rows,
 * counts are kept, and operations are timed and counted.
 */
@DataSingleTableTest(properties = "singletable.counts.enabled=true")
@Import({ AuditedApplication.Auditing.class, AuditedApplication.Registries.class })
class DataSingleTableTestAuditCountsMetricsIntegrationTests {

	@Autowired
	private InvoiceRepository invoices;

	@Autowired
	private SingleTableTemplate template;

	@Autowired
	private MeterRegistry meters;

	@Test
	void auditsCountsAndMeasures() {
		Invoice saved = this.invoices.save(new Invoice(null, null, null, 42));
		assertThat(saved.createdBy()).isEqualTo("clerk");
		AuditEntry row = this.template.auditLog().forResource("Invoice", saved.id()).page(null).items().get(0);
		assertThat(row.operation()).isEqualTo(AuditEntry.CREATE);
		assertThat(row.changedBy()).isEqualTo("clerk");

		assertThat(this.template.countsByType()).containsEntry("Invoice", 1L);

		this.invoices.findById(saved.id());
		assertThat(this.meters.find("singletable.operation").tags("type", "Invoice", "operation", "findById").timer())
			.isNotNull()
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(1));
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CAPACITY).tags("type", "Invoice").counters())
			.isNotEmpty();
	}

}
