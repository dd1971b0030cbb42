package com.example.reference.tasks;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class TaskRepositoryTests {

	@Autowired
	TaskRepository tasks;

	@Test
	void readsTheIndexesTheMethodNamesSay() {
		Task design = tasks.save(new Task(null, null, "apollo", "ann", LocalDate.of(2026, 3, 2), "Design", true));
		Task build = tasks.save(new Task(null, null, "apollo", "bob", LocalDate.of(2026, 3, 9), "Build", false));
		Task launch = tasks.save(new Task(null, null, "gemini", "ann", LocalDate.of(2026, 4, 1), "Launch", false));

		assertThat(tasks.findByProject("apollo")).containsExactly(design, build);
		assertThat(tasks.findByAssigneeAndDueBetween("ann", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)))
			.containsExactly(design);
		Window<Task> first = tasks.findByAssigneeOrderByDueAsc("ann", ScrollPosition.keyset(), Limit.of(1));
		Window<Task> second = tasks.findByAssigneeOrderByDueAsc("ann", first.positionAt(0), Limit.of(1));
		assertThat(first.getContent()).containsExactly(design);
		assertThat(second.getContent()).containsExactly(launch);
		assertThat(tasks.findByProjectIn(List.of("apollo", "gemini"), PageRequest.of(0, 10)))
			.containsExactly(design, build, launch);
		assertThat(tasks.findByProjectAndDoneFalse("apollo")).containsExactly(build);
		assertThat(tasks.findDue("assignee#ann", "2026-04")).containsExactly(launch);
		assertThat(tasks.countByProject("apollo")).isEqualTo(2);
		assertThat(tasks.deleteByProject("gemini")).isEqualTo(1);
	}

}
