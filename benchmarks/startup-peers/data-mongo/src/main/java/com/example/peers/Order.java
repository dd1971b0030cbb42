package com.example.peers;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

@Document
public record Order(@Id String id, @CreatedDate Instant createdAt, String customerId, Status status, List<Line> lines) {

	public enum Status {
		OPEN, PAID, SHIPPED
	}

	public record Line(String productId, int quantity) {
	}

}
