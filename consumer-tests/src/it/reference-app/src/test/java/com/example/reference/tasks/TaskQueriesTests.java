package com.example.reference.tasks;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.singletable.core.query.InvalidSortException;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The listings and projections of repositories.md.
 */
@DataSingleTableTest
class TaskQueriesTests {

	@Autowired
	TaskRepository tasks;

	@Test
	void listsTheTypeIndexInItsOwnOrder() {
		Task older = this.tasks.save(new Task(null, null, "listing", "dee", LocalDate.of(2026, 5, 1), "Older", false));
		Task newer = this.tasks.save(new Task(null, null, "listing", "dee", LocalDate.of(2026, 5, 2), "Newer", false));

		List<Task> recent = tasks.findAll(Sort.by(Sort.Direction.DESC, "updatedAt"));
		Page<Task> page = tasks.findAll(PageRequest.of(0, 20));   // index order: oldest update first

		assertThat(recent).containsSubsequence(newer, older);
		assertThat(page.getContent()).containsSubsequence(older, newer);
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.tasks.findAll(Sort.by("title")))
			.withMessageContaining("updatedAt");
	}

	@Test
	void projectsResults() {
		Task task = this.tasks.save(new Task(null, null, "views", "eve", LocalDate.of(2026, 6, 1), "Projected", false));

		assertThat(this.tasks.findTitlesByProject("views")).extracting(TaskTitle::getTitle).containsExactly("Projected");
		assertThat(this.tasks.findByAssignee("eve", TaskTitle.class)).extracting(TaskTitle::getTitle)
			.containsExactly("Projected");
		assertThat(this.tasks.findByAssignee("eve", Task.class)).containsExactly(task);
		assertThat(this.tasks.findTitleById(task.id())).map(TaskTitle::getTitle).contains("Projected");
	}

}
