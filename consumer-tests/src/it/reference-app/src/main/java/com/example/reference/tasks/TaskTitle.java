package com.example.reference.tasks;

public interface TaskTitle {

	String getTitle();

}
