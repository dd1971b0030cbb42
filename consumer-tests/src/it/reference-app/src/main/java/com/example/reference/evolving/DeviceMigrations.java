package com.example.reference.evolving;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.evolution.RewriteMode;
import dev.singletable.evolution.SingleTableMigration;

@Configuration(proxyBeanMethods = false)
public class DeviceMigrations {

	@Bean
	SingleTableMigration devicesByOwner() {
		return SingleTableMigration.version("2")
			.description("index devices by owner")
			.reindex(Device.class)
			.build();
	}

	@Bean
	SingleTableMigration devicesHaveAStatus() {
		return SingleTableMigration.version("3")
			.description("devices without a status are active")
			.forEach(Device.class, (device) -> (device.status() != null) ? device : device.withStatus("active"),
					RewriteMode.IN_PLACE)
			.build();
	}

}
