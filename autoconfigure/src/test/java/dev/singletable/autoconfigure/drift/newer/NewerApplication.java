package dev.singletable.autoconfigure.drift.newer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.singletable.evolution.SingleTableMigration;

/**
 * The newer version of an application of a fleet: its package holds the device and the reading with their new indexes, and it
 * declares the migration that re-indexes those stored before.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class NewerApplication {

	@Bean
	SingleTableMigration devicesByOwner() {
		return SingleTableMigration.version("2")
			.description("index devices by owner and readings by device")
			.reindex(Device.class)
			.reindex(Reading.class)
			.build();
	}

}
