package dev.singletable.autoconfigure;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;

import dev.singletable.autoconfigure.audited.Receipt;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.audit.AuditEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured template records who made each change of an audited type with the application's
 * {@link AuditorAware} bean, and without one records no changer.
 */
class SingleTableAuditAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void theApplicationsAuditorAwareNamesTheChanger() {
		this.contextRunner.withUserConfiguration(Receipts.class, Auditor.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("audit-auditor"))
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Receipt receipt = template.create(new Receipt(null, null, 10));
				AuditEntry row = template.auditLog().forResource("Receipt", receipt.id()).page(null).items().get(0);
				assertThat(row.operation()).isEqualTo(AuditEntry.CREATE);
				assertThat(row.changedBy()).isEqualTo("auditor-bean");
			});
	}

	@Test
	void withoutAnAuditorAwareRowsHaveNoChanger() {
		this.contextRunner.withUserConfiguration(Receipts.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("audit-none"))
			.run((context) -> {
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				Receipt receipt = template.create(new Receipt(null, null, 10));
				AuditEntry row = template.auditLog().forResource("Receipt", receipt.id()).page(null).items().get(0);
				assertThat(row.changedBy()).isNull();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EntityScan(basePackageClasses = Receipt.class)
	static class Receipts {

	}

	@Configuration(proxyBeanMethods = false)
	static class Auditor {

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.of("auditor-bean");
		}

	}

}
