package com.example.reference.tasks;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
@IndexKey(index = "gsi1", partition = "project#{project}")
@IndexKey(index = "gsi3", partition = "assignee#{assignee}", sort = "{due}")
public record Task(@Id String id, @LastModifiedDate Instant updatedAt, String project, String assignee,
		LocalDate due, String title, boolean done) {
}
