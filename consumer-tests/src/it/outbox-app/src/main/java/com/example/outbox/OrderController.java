package com.example.outbox;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/orders")
public class OrderController {

	private final Orders orders;

	private final ReceiptRepository receipts;

	public OrderController(Orders orders, ReceiptRepository receipts) {
		this.orders = orders;
		this.receipts = receipts;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public Order place(@RequestBody Order order) {
		return this.orders.place(order.item());
	}

	/** The receipt the listener wrote, once it ran (404 before). */
	@GetMapping("/{id}/receipt")
	public Receipt receipt(@PathVariable String id) {
		return this.receipts.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

}
