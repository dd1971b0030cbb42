package com.example.reference.entities;

import java.time.LocalDate;
import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface ChoreRepository extends SingleTableRepository<Chore> {

	List<Chore> findByRoom(String room);                              // gsi2

	List<Chore> findByRoomAndDueBefore(String room, LocalDate due);   // by-due

	List<Chore> findByAssigneeIsNotNull();                            // gsi3: only assigned chores are in it

}
