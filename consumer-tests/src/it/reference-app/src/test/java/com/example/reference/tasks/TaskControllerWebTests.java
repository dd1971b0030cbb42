package com.example.reference.tasks;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import dev.singletable.test.autoconfigure.AutoConfigureDataSingleTable;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(TaskController.class)
@AutoConfigureDataSingleTable
class TaskControllerWebTests {

	@Autowired
	MockMvc mvc;

	@Test
	void answersAForgedCursorWithAProblem() throws Exception {
		mvc.perform(get("/tasks").param("assignee", "ann").param("cursor", "not-a-cursor"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid cursor"));
	}

}
