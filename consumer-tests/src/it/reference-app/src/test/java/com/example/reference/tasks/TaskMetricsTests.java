package com.example.reference.tasks;

import java.time.LocalDate;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TaskMetricsTests {

	@Autowired
	TaskRepository tasks;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@Test
	void everyOperationIsTimedAndItsCapacityCounted() {
		Task task = tasks.save(new Task(null, null, "metrics", "fay", LocalDate.of(2026, 8, 1), "Observe", false));
		tasks.findByProject("metrics");

		Timer saves = meters.get("singletable.operation").tags("type", "Task", "operation", "save").timer();
		Timer queries = meters.get("singletable.operation").tags("type", "Task", "index", "gsi1").timer();
		double writeUnits = meters.get("singletable.capacity.consumed").tags("type", "Task", "kind", "write")
			.counters().stream().mapToDouble(Counter::count).sum();
		Map<String, Object> health = RestClient.create("http://localhost:" + port).get()
			.uri("/actuator/health/singletable").retrieve().body(new ParameterizedTypeReference<>() { });

		assertThat(task.id()).isNotNull();
		assertThat(saves.count()).isPositive();
		assertThat(queries.count()).isPositive();
		assertThat(writeUnits).isPositive();
		assertThat(health).containsEntry("status", "UP");
		assertThat(health.get("details")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("tableName", "reference");
	}

}
