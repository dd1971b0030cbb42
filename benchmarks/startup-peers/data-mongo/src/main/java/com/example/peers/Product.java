package com.example.peers;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document
public record Product(@Id String id, String name, Price price, Category category) {

	public enum Category {
		BOOK, TOOL, FOOD
	}

	public record Price(long cents, String currency) {
	}

}
