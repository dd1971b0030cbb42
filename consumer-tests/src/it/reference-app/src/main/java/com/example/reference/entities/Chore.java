package com.example.reference.entities;

import java.time.LocalDate;

import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.ComputedIndexKey;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

@SingleTableEntity
@IndexKey(index = "gsi2", partition = "room#{room}")                    // gsi2pk; sorted by pk
@IndexKey(index = "gsi3", partition = "assigned", sort = "{assignee}")  // gsi3pk, gsi3sk; sparse
@IndexKey(index = "by-due", partition = "room#{room}", sort = "{due}")  // an index of your own: byduepk, byduesk
public record Chore(@Id String id, String room, String assignee, LocalDate due, boolean urgent) {

	@ComputedIndexKey(index = "gsi1")
	public String urgentKey() {
		return this.urgent ? "urgent#" + this.room : null;                 // null: the chore is not in gsi1
	}

}
