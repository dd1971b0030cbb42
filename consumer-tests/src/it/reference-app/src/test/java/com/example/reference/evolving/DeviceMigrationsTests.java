package com.example.reference.evolving;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.MigrationInfo;
import dev.singletable.evolution.MigrationState;
import dev.singletable.evolution.RewriteMode;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.evolution.SingleTableMigrations;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@DataSingleTableTest
@Import(DeviceMigrations.class)
class DeviceMigrationsTests {

	@Autowired
	SingleTableMigrations migrations;

	@Autowired
	SingleTableBackfills backfills;

	@Autowired
	SingleTableTemplate template;

	@Autowired
	DeviceRepository devices;

	@Test
	void theMigrationsRanWhenTheContextStarted() {
		assertThat(migrations.info()).extracting(MigrationInfo::version, MigrationInfo::state)
			.containsExactly(tuple("2", MigrationState.SUCCESS), tuple("3", MigrationState.SUCCESS));
	}

	@Test
	void aBackfillRewritesWhatIsStored() {
		Device printer = devices.save(new Device(null, null, "ann", "printer", null));

		BackfillResult result = backfills.forEach(Device.class,
				(device) -> (device.status() != null) ? device : device.withStatus("active"),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));

		assertThat(result.itemsWritten()).isEqualTo(1);
		assertThat(devices.findByOwner("ann")).extracting(Device::status).containsExactly("active");
		assertThat(template.findAllVersions(Device.class, printer.id())).hasSize(2);
	}

}
